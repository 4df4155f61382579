package dev.switchboard.core.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of exchanges in flight (from sending a request to the last byte of its response body), checked
 * by one daemon thread every {@value #SWEEP_MS} ms while any exchange is in flight, and parked otherwise.
 * Registering and leaving are a set insertion and removal, with no timer to schedule and no thread to wake per
 * request (a timer per request cost a thread wake-up on every call, measurable on a loaded two-core machine).
 * An exchange is ended at most {@value #SWEEP_MS} ms after its deadline, or after its caller is interrupted (a
 * blocking socket read does not notice an interrupt by itself). A failure while ending one exchange (even an
 * error) is contained: the thread goes on for the others, and it cannot be interrupted. Thread-safe.
 */
final class ExchangeDeadlines {
  /** How often the deadlines are checked while exchanges are in flight, in milliseconds. */
  static final long SWEEP_MS = 20;

  /** One exchange in flight. */
  interface Watched {
    /** Returns the deadline, on {@link System#nanoTime()}'s scale. */
    long deadlineNanos();

    /** Returns whether the thread waiting for the exchange has been interrupted (its wait should end now). */
    default boolean callerInterrupted() {
      return false;
    }

    /** Ends the exchange: its deadline has passed or its caller was interrupted. */
    void expire();
  }

  private static final ExchangeDeadlines INSTANCE = new ExchangeDeadlines();

  private final Set<Watched> active = ConcurrentHashMap.newKeySet();
  private final Thread sweeper;
  private volatile boolean parked;

  private ExchangeDeadlines() {
    sweeper = new Thread(this::sweep, "switchboard-exchange-deadlines");
    sweeper.setDaemon(true);
    sweeper.start();
  }

  /** Returns the process's one instance. */
  static ExchangeDeadlines instance() {
    return INSTANCE;
  }

  /** Starts watching an exchange. */
  void watch(Watched exchange) {
    active.add(exchange);
    if (parked) {
      LockSupport.unpark(sweeper);
    }
  }

  /** Stops watching an exchange (done, failed or cancelled); watching nothing is harmless. */
  void leave(Watched exchange) {
    active.remove(exchange);
  }

  /** Returns how many exchanges are watched now. */
  int size() {
    return active.size();
  }

  private void sweep() {
    while (true) {
      if (active.isEmpty()) {
        parked = true;
        if (active.isEmpty()) {
          LockSupport.park(this);
        }
        parked = false;
        continue;
      }
      try {
        Thread.sleep(SWEEP_MS);
      } catch (InterruptedException e) {
        // nothing stops this thread: it is the only guard of the exchanges' deadlines
      }
      long now = System.nanoTime();
      for (Watched exchange : active) {
        if (now - exchange.deadlineNanos() >= 0 || exchange.callerInterrupted()) {
          active.remove(exchange);
          try {
            exchange.expire();
          } catch (Throwable e) { // NOPMD: one exchange's failure must not end the deadlines of the others
            // the exchange is no longer watched; its caller learns of the failure from its own read
          }
        }
      }
    }
  }
}
