package dev.switchboard.core.run;

import dev.switchboard.core.transport.ExchangeObserver;
import java.util.Objects;

/**
 * What one call may ask of the engine besides its inputs.
 *
 * @param exchanges sees each HTTP exchange of the call as it ends (each retry and each page one), for a run record;
 *     {@link ExchangeObserver#NONE} by default
 */
public record CallOptions(ExchangeObserver exchanges) {
  /** A call nobody observes. */
  public static final CallOptions DEFAULT = new CallOptions(ExchangeObserver.NONE);

  /** Checks that the observer is there. */
  public CallOptions {
    Objects.requireNonNull(exchanges, "exchanges");
  }
}
