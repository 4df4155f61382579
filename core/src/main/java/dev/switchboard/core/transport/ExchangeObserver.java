package dev.switchboard.core.transport;

/**
 * Sees each HTTP exchange of one call as it ends (for run records), on the calling thread. Passed per call; an
 * observer that throws does not change the call's outcome (what it throws is dropped), since the exchange has
 * already happened.
 */
@FunctionalInterface
public interface ExchangeObserver {
  /**
   * Takes one exchange.
   *
   * @param exchange the exchange, free of secrets
   */
  void exchange(Exchange exchange);

  /** The observer of a call nobody records: does nothing. */
  ExchangeObserver NONE = exchange -> {};
}
