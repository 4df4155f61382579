package dev.switchboard.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads a service's error body, as Feign's {@code ErrorDecoder} does: one per connector, the only place that knows
 * how the service writes its errors. The engine turns what it reads into one {@link ActionError} (with the status,
 * hints and request id). The engine's reads a connector's {@link ErrorFormat} (JMESPath), then the common shapes.
 */
public interface ErrorDecoder {
  /**
   * Reads an error body.
   *
   * @param body the parsed JSON body of a response of status 300 or more
   * @return what it says, or empty when it is in no shape this decoder knows
   */
  Optional<UpstreamError> decode(JsonNode body);
}
