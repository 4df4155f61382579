package dev.switchboard.workspace;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for rows the application names: a prefix, the time (12 hex digits of epoch milliseconds), a counter of this
 * process (6 hex digits) and 8 random bytes, such as {@code run_0193f1a2b3c4000001a1b2...}. Ids of one instance sort
 * in the order they were made, so rows written in the same millisecond keep their order in listings.
 */
final class Ids {
  private final SecureRandom random;
  private final Clock clock;
  private final AtomicLong counter = new AtomicLong();

  Ids(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  String next(String prefix) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return prefix + "_" + String.format("%012x%06x", clock.millis(), counter.incrementAndGet() & 0xffffff)
        + HexFormat.of().formatHex(bytes);
  }
}
