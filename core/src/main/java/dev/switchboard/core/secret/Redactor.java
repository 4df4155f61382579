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
   * Replaces every registered value in every string of a JSON tree (keys and values) with {@link #MASK}, so a
   * secret that a server echoes in a successful response never reaches an output.
   *
   * @param node any JSON value, not changed
   * @return the same node when it holds no secret, otherwise a scrubbed copy
   */
  public com.fasterxml.jackson.databind.JsonNode scrub(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || values.isEmpty() || !holdsSecret(node)) {
      return node;
    }
    return copyScrubbed(node);
  }

  private boolean holdsSecret(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isTextual()) {
      return !scrub(node.asText()).equals(node.asText());
    }
    if (node.isObject()) {
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!scrub(e.getKey()).equals(e.getKey()) || holdsSecret(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (var item : node) {
        if (holdsSecret(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private com.fasterxml.jackson.databind.JsonNode copyScrubbed(com.fasterxml.jackson.databind.JsonNode node) {
    var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    if (node.isTextual()) {
      return f.textNode(scrub(node.asText()));
    }
    if (node.isObject()) {
      var out = f.objectNode();
      node.fields().forEachRemaining(e -> out.set(scrub(e.getKey()), copyScrubbed(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      var out = f.arrayNode();
      node.forEach(item -> out.add(copyScrubbed(item)));
      return out;
    }
    return node;
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
