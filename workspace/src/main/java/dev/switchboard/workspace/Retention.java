package dev.switchboard.workspace;

import java.time.Duration;

/**
 * How long runs are kept: a run is pruned once it is older than {@code maxAge} or more than {@code maxRuns} newer
 * runs exist, whichever comes first.
 *
 * @param maxAge the oldest a kept run may be, positive
 * @param maxRuns the most runs kept, at least 1
 */
public record Retention(Duration maxAge, long maxRuns) {
  /** 30 days or 100,000 runs. */
  public static final Retention DEFAULT = new Retention(Duration.ofDays(30), 100_000);

  /**
   * Checks the limits.
   *
   * @param maxAge the oldest a kept run may be
   * @param maxRuns the most runs kept
   * @throws IllegalArgumentException when either is not positive
   */
  public Retention {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("runs must be kept a positive time; got " + maxAge);
    }
    if (maxRuns < 1) {
      throw new IllegalArgumentException("at least 1 run must be kept; got " + maxRuns);
    }
  }
}
