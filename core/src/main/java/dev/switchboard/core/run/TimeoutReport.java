package dev.switchboard.core.run;

import dev.switchboard.core.definition.TransportSettings;
import dev.switchboard.core.retry.RetryInterceptor;
import dev.switchboard.core.transport.CallContext;
import java.util.Locale;

/**
 * Says how long a call that timed out waited, in all: how many exchanges it sent, each one's limit, the time spent
 * and the settings that decide it, so that a user who waited 41 s is not told about 20 s only.
 */
final class TimeoutReport {
  private TimeoutReport() {}

  /**
   * Describes the wait of a call that ended in a timeout.
   *
   * @param settings the connector's transport settings
   * @param call the call
   * @return a phrase such as {@code 2 attempts of up to 20 s each, 40.6 s in all (timeouts.request_ms 20000, ...)}
   */
  static String of(TransportSettings settings, CallContext call) {
    long attempts = Math.max(1, call.stats().snapshot().requests());
    long requestMs = settings.requestTimeout().toMillis();
    long budgetMs = settings.callTimeout().toMillis();
    long spentMs = Math.max(0, budgetMs - call.remaining().toMillis());
    return attempts + (attempts == 1 ? " attempt of up to " + duration(requestMs) : " attempts of up to " + duration(requestMs) + " each")
        + ", " + duration(spentMs) + " in all (timeouts.request_ms " + requestMs + ", timeouts.call_ms " + budgetMs
        + "; a server that does not answer is asked " + (RetryInterceptor.MAX_TIMED_OUT_ATTEMPTS == 2 ? "twice"
            : RetryInterceptor.MAX_TIMED_OUT_ATTEMPTS + " times") + " at most, and only"
        + " for a call that may be repeated)";
  }

  /** Formats milliseconds for a person: {@code 300 ms}, {@code 20 s}, {@code 40.6 s}. */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
