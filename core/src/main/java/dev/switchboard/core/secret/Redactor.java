package dev.switchboard.core.secret;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scrubs registered secret values out of text before it reaches a log line, an error message, a run
 * record or any output. Every secret the engine resolves is registered here.
 *
 * <p>Values shorter than 4 characters are not registered: scrubbing them would mangle ordinary text and
 * they are not credentials. Thread-safe.
 */
public final class Redactor {
  /** What a scrubbed secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  private final Set<String> values = ConcurrentHashMap.newKeySet();

  /**
   * Registers a value to scrub.
   *
   * @param value the secret value
   */
  public void register(String value) {
    if (value != null && value.length() >= 4) {
      values.add(value);
    }
  }

  /**
   * Replaces every registered value in the text with {@link #MASK}.
   *
   * @param text any text, may be null
   * @return the scrubbed text (null for null)
   */
  public String scrub(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, MASK);
      }
    }
    return out;
  }
}
