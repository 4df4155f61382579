package dev.switchboard.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads a service's error body, as Feign's {@code ErrorDecoder} does: one per connector, the only place that knows
 * how the service writes its errors. The engine turns what it reads into one {@link ActionError} (with the status,
 * hints and request id).
 */
public interface ErrorDecoder {
  /**
   * Reads an error body.
   *
   * @param body the parsed JSON body of a response of status 300 or more
   * @return what it says, or empty when it is in no shape this decoder knows
   */
  Optional<UpstreamError> decode(JsonNode body);

  /**
   * Returns the decoder of connectors that declare nothing. It knows, in this order: RFC 9457 problem details
   * ({@code type}, {@code title}, {@code detail}, and an {@code errors} list of details); an {@code error} object
   * with {@code code} and {@code message} (as Google's and Microsoft's APIs answer); an {@code error} code with
   * {@code message} or {@code error_description} (OAuth 2.0, RFC 6749 section 5.2, and many others); a
   * {@code message} with an optional {@code code} (as GitHub answers); an {@code errors} list of
   * {@code {message}} (as GraphQL answers).
   */
  static ErrorDecoder standard() {
    return JmesPathErrorDecoder.STANDARD;
  }

  /**
   * Returns the decoder of a connector that declares its error format: its expressions first, then, when they find
   * nothing (an HTML page from a proxy, a token endpoint's OAuth error), the standard shapes.
   *
   * @param format the declaration
   * @return the decoder
   */
  static ErrorDecoder of(ErrorFormat format) {
    return format.declared() || !format.categories().isEmpty()
        ? new JmesPathErrorDecoder(List.of(format), format)
        : standard();
  }
}
