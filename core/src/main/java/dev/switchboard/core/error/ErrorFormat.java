package dev.switchboard.core.error;

import java.util.Map;
import java.util.Optional;

/**
 * Where a service's JSON error body keeps its parts, as JMESPath expressions (https://jmespath.org), and which of
 * its error codes mean which {@link ErrorCategory}: the {@code errors:} block of {@code connector.yaml}. A service
 * that answers {@code {"errorCode": "E0000011", "errorSummary": "Invalid token provided"}} declares
 * {@code code: errorCode} and {@code message: errorSummary}.
 *
 * @param code the expression of the service's error code, such as {@code errorCode}
 * @param message the expression of the human message, such as {@code errorSummary}
 * @param causes the expression of a list of further messages, such as {@code errorCauses[].errorSummary}
 * @param requestId the expression of a request or error id in the body, used when no request-id header came
 * @param categories the category of each code that means one whatever the status, such as {@code E0000011} to
 *     {@link ErrorCategory#AUTH}
 */
public record ErrorFormat(Optional<String> code, Optional<String> message, Optional<String> causes,
    Optional<String> requestId, Map<String, ErrorCategory> categories) {
  /** Nothing declared: the common shapes are read. */
  public static final ErrorFormat NONE = new ErrorFormat(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Map.of());

  /** Copies the categories. */
  public ErrorFormat {
    categories = Map.copyOf(categories);
  }

  /** Tells whether any expression is declared. */
  public boolean declared() {
    return code.isPresent() || message.isPresent() || causes.isPresent() || requestId.isPresent();
  }
}
