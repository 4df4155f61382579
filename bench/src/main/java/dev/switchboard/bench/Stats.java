package dev.switchboard.bench;

import java.util.Arrays;

/** Small statistics over measured values. */
final class Stats {
  private Stats() {}

  /** The median of values (sorted or not). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
