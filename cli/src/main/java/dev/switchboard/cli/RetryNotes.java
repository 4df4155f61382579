package dev.switchboard.cli;

import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.transport.Exchange;
import dev.switchboard.core.transport.ExchangeObserver;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Says on stderr, as it happens, when a request of {@code run} failed in a way the engine sends it again for: no
 * response at all (a refused connection, a reset, a timeout) or a 429, 503 or 504 answer. The engine's retries used
 * to be silent, so an unreachable host looked like a hang of several seconds before its error. One line per failed
 * attempt, such as {@code switchboard: GET /api/v1/users: no response (ConnectException: Connection refused) after
 * 2 ms; retrying (attempt 2 of at most 4)}; the last attempt's line says nothing of retrying, and the error follows.
 *
 * <p>Whether another attempt follows is what the connector's retry policy says at the time of writing (core
 * {@code RetryInterceptor}): a refused connection and a 429 always, other failures and 503/504 only for idempotent
 * actions, up to the policy's attempts and within the call's deadline (which this note cannot see, hence "at most").
 */
final class RetryNotes implements ExchangeObserver {
  private final ActionPlan plan;
  private final PrintWriter err;
  private int failed;

  RetryNotes(ActionPlan plan, PrintWriter err) {
    this.plan = plan;
    this.err = err;
  }

  @Override
  public void exchange(Exchange exchange) {
    boolean noResponse = exchange.status() == 0;
    boolean retryStatus = exchange.status() == 429 || exchange.status() == 503 || exchange.status() == 504;
    if (!noResponse && !retryStatus) {
      failed = 0;
      return;
    }
    failed++;
    int attempts = plan.connector().transport().retry().maxAttempts();
    String failure = exchange.failure().orElse("");
    boolean refused = failure.startsWith("ConnectException") || failure.toLowerCase(Locale.ROOT).contains("refused");
    boolean retried = failed < attempts
        && (refused || exchange.status() == 429 || plan.definition().annotations().idempotent());
    String what = noResponse ? "no response (" + failure + ") after " + exchange.durationMs() + " ms"
        : "answered " + exchange.status() + (exchange.status() == 429 ? " (rate limited)" : "");
    err.println(Main.printable("switchboard: " + exchange.method() + " " + exchange.path() + ": " + what
        + (retried ? "; retrying (attempt " + (failed + 1) + " of at most " + attempts + ")" : "")));
    err.flush();
    if (!retried) {
      failed = 0;
    }
  }
}
