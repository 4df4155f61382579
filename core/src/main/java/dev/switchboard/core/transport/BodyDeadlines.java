package dev.switchboard.core.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of response bodies still arriving, checked by one daemon thread every {@value #SWEEP_MS} ms
 * while any body is being read, and parked otherwise. Registering and leaving are a set insertion and removal,
 * with no timer to schedule and no thread to wake per request (a timer per request cost a thread wake-up on
 * every call, measurable on a loaded two-core machine). A body is ended at most {@value #SWEEP_MS} ms after
 * its deadline. A failure while ending one body (even an error) is contained: the thread goes on for the others,
 * and it cannot be interrupted. Thread-safe.
 */
final class BodyDeadlines {
  /** How often the deadlines are checked while bodies are being read, in milliseconds. */
  static final long SWEEP_MS = 20;

  /** One body being read. */
  interface Watched {
    /** Returns the deadline, on {@link System#nanoTime()}'s scale. */
    long deadlineNanos();

    /** Ends the body: its deadline has passed. */
    void expire();
  }

  private static final BodyDeadlines INSTANCE = new BodyDeadlines();

  private final Set<Watched> active = ConcurrentHashMap.newKeySet();
  private final Thread sweeper;
  private volatile boolean parked;

  private BodyDeadlines() {
    sweeper = new Thread(this::sweep, "switchboard-body-deadlines");
    sweeper.setDaemon(true);
    sweeper.start();
  }

  /** Returns the process's one instance. */
  static BodyDeadlines instance() {
    return INSTANCE;
  }

  /** Starts watching a body. */
  void watch(Watched body) {
    active.add(body);
    if (parked) {
      LockSupport.unpark(sweeper);
    }
  }

  /** Stops watching a body (read, failed or cancelled); watching nothing is harmless. */
  void leave(Watched body) {
    active.remove(body);
  }

  /** Returns how many bodies are watched now. */
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
        // nothing stops this thread: it is the only guard of the bodies' deadlines
      }
      long now = System.nanoTime();
      for (Watched body : active) {
        if (now - body.deadlineNanos() >= 0) {
          active.remove(body);
          try {
            body.expire();
          } catch (Throwable e) { // NOPMD: one body's failure must not end the deadlines of the others
            // the body is no longer watched; its reader learns of the failure from its own exchange
          }
        }
      }
    }
  }
}
