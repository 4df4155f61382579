package dev.switchboard.core.time;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * A {@link TimeSource} for tests of waiting: it never sleeps, it moves its own time forward by each wait, and it
 * remembers the waits. For one call at a time (a wait on a condition returns at once, as if the time passed).
 */
public final class ManualTime implements TimeSource {
  private final boolean real;
  private final AtomicLong millis;
  private final List<Long> waits = new CopyOnWriteArrayList<>();

  /**
   * Starts the clock.
   *
   * @param epochMillis the time it reads at first
   */
  public ManualTime(long epochMillis) {
    this(false, epochMillis);
  }

  private ManualTime(boolean real, long millis) {
    this.real = real;
    this.millis = new AtomicLong(millis);
  }

  /**
   * Returns a clock that reads the real time plus every wait so far, for tests against a server whose {@code Date}
   * header is the real time (the JDK's HttpServer writes its own).
   */
  public static ManualTime realPlusWaits() {
    return new ManualTime(true, 0);
  }

  @Override
  public long epochMillis() {
    return (real ? System.currentTimeMillis() : 0) + millis.get();
  }

  @Override
  public long nanoTime() {
    return epochMillis() * 1_000_000;
  }

  @Override
  public void sleep(long ms) {
    waits.add(ms);
    millis.addAndGet(ms);
  }

  @Override
  public void await(Condition condition, long ms) {
    sleep(ms);
  }

  /** Moves the time forward without a wait, as time passing on the wire. */
  public void advance(long ms) {
    millis.addAndGet(ms);
  }

  /** Returns every wait asked for, in milliseconds, in order. */
  public List<Long> waits() {
    return List.copyOf(waits);
  }
}
