package dev.switchboard.core.error;

import java.util.List;
import java.util.Optional;

/**
 * What a service's error body says, as an {@link ErrorDecoder} read it.
 *
 * @param code the service's error code, such as {@code E0000011} or a problem type URI
 * @param message the human message, such as {@code no ticket T999}
 * @param causes further messages (a validation failure's field errors)
 * @param requestId a request or error id found in the body
 * @param category the category the code stands for, when the connector declares one
 */
public record UpstreamError(Optional<String> code, Optional<String> message, List<String> causes, Optional<String> requestId,
    Optional<ErrorCategory> category) {
  /** Copies the causes. */
  public UpstreamError {
    causes = List.copyOf(causes);
  }

  /** Tells whether the body said anything this record holds. */
  public boolean found() {
    return code.isPresent() || message.isPresent() || !causes.isEmpty();
  }
}
