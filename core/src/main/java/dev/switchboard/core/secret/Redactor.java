package dev.switchboard.core.secret;

import java.util.Arrays;

/**
 * Scrubs registered secret values out of text before it reaches a log line, an error message, a run
 * record or any output. Every secret the engine resolves is registered here.
 *
 * <p>Values shorter than 4 characters are not registered: scrubbing them would mangle ordinary text and
 * they are not credentials. Thread-safe; registering is rare and copies, scrubbing reads one immutable
 * snapshot (so a listing's every string is checked without locking or allocating: a string shorter than the
 * shortest secret is passed over at once).
 */
public final class Redactor {
  /** What a scrubbed secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  /** The registered values and the length of the shortest, replaced as a whole on each registration. */
  private record Registered(String[] values, int shortest) {}

  private volatile Registered registered = new Registered(new String[0], Integer.MAX_VALUE);

  /**
   * Registers a value to scrub, with the forms it takes in a URL: percent-encoded as in a query component
   * (RFC 3986, section 2.1) and form-encoded ({@code application/x-www-form-urlencoded}, spaces as {@code +}),
   * so a key placed in a query string or a form body is scrubbed from a logged URL or an echoed body too.
   *
   * @param value the secret value
   */
  public synchronized void register(String value) {
    if (value == null) {
      return;
    }
    add(value);
    String form = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    add(form);
    add(form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
  }

  private void add(String value) {
    if (value.length() >= 4) {
      Registered now = registered;
      if (Arrays.asList(now.values).contains(value)) {
        return;
      }
      String[] values = Arrays.copyOf(now.values, now.values.length + 1);
      values[values.length - 1] = value;
      registered = new Registered(values, Math.min(now.shortest, value.length()));
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
    if (node == null || registered.values.length == 0 || !holdsSecret(node)) {
      return node;
    }
    return copyScrubbed(node);
  }

  private boolean holdsSecret(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isTextual()) {
      return containsSecret(node.textValue());
    }
    if (node.isObject()) {
      for (var it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        if (containsSecret(e.getKey()) || holdsSecret(e.getValue())) {
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
    Registered now = registered;
    if (text == null || text.length() < now.shortest) {
      return text;
    }
    String out = text;
    for (String value : now.values) {
      if (out.contains(value)) {
        out = out.replace(value, MASK);
      }
    }
    return out;
  }

  private boolean containsSecret(String text) {
    Registered now = registered;
    if (text.length() < now.shortest) {
      return false;
    }
    for (String value : now.values) {
      if (text.contains(value)) {
        return true;
      }
    }
    return false;
  }
}
