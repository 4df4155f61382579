package dev.switchboard.core.run;

import dev.switchboard.core.auth.TokenRequestException;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.transport.Transport;
import java.io.IOException;

/**
 * Decides whether a failed call of an action that is not idempotent (a POST creating a user) may have taken effect,
 * and says so in its error ({@link ActionError#outcomeUnknown()}), so that neither an agent nor a script retries it
 * blindly and does it twice. Unknown: the exchange broke after the request may have reached the service (a reset, a
 * read timeout, a body cut short, an interrupt while waiting; {@link Transport#mayHaveReachedServer}), the service
 * answered 2xx with something unusable, or it or a gateway answered 500, 502, 504 or an unassigned 5xx. Known not to
 * have taken effect: failures before sending, 4xx answers, 429, 501, 503 and 505.
 */
final class UnknownOutcome {
  private UnknownOutcome() {}

  /**
   * Returns the error as it must be reported: itself, or a copy that says its outcome is unknown and what to check.
   *
   * @param plan the action that failed
   * @param error its error, with the transport's failure as its cause when no response came
   * @return the error to throw
   */
  static ActionError mark(ActionPlan plan, ActionError error) {
    if (plan.definition().annotations().idempotent() || error.outcomeUnknown()) {
      return error;
    }
    Throwable cause = error.getCause();
    String service = plan.connector().title();
    int status = error.status();
    String why;
    if (cause instanceof TokenRequestException) {
      return error;
    } else if (cause instanceof IOException || cause instanceof InterruptedException) {
      if (!Transport.mayHaveReachedServer(cause)) {
        return error;
      }
      why = status > 0 ? service + " answered " + status + " before the exchange broke, so it most likely took effect"
          : "the request may have reached " + service + " before the exchange broke, so it may have taken effect";
    } else if (status >= 200 && status < 300) {
      why = service + " answered " + status + ", so it most likely took effect, but its answer cannot be used";
    } else if (status == 500 || status == 502 || status == 504 || (status >= 506 && status < 600)) {
      why = "an answer of " + status + " does not say whether the request took effect before the failure";
    } else {
      return error;
    }
    return error.withOutcomeUnknown("Whether " + plan.id() + " took effect is not known (outcome unknown): " + why
        + "; check (for example by reading the resource back) before retrying, since a retry could do it twice.");
  }
}
