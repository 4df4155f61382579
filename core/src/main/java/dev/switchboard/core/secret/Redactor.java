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
   * Registers a value to scrub, with the forms it takes on the wire and in echoes: percent-encoded as in a query
   * component (RFC 3986, section 2.1) and form-encoded ({@code application/x-www-form-urlencoded}, spaces as
   * {@code +}), each with upper- and lower-case hex digits (RFC 3986, section 2.1: they are equivalent), and
   * escaped inside a JSON string (RFC 8259, section 7, with {@code /} escaped or not, and with {@code < > &} as six-
   * character unicode escapes, as some servers write them). A value shorter than 4 characters is not registered in any
   * form. Values are replaced longest first, so a secret inside a longer one leaves nothing of the longer one.
   *
   * @param value the secret value
   */
  public synchronized void register(String value) {
    if (value == null || value.length() < 4) {
      return;
    }
    java.util.Set<String> forms = new java.util.LinkedHashSet<>();
    forms.add(value);
    String form = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    String percent = form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    for (String encoded : new String[] {form, percent}) {
      forms.add(encoded);
      forms.add(lowerHex(encoded));
    }
    String json = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value));
    forms.add(json);
    forms.add(json.replace("/", "\\/"));
    forms.add(json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
    forms.add(json.replace("/", "\\/").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
    Registered now = registered;
    java.util.List<String> values = new java.util.ArrayList<>(Arrays.asList(now.values));
    int shortest = now.shortest;
    for (String f : forms) {
      if (!values.contains(f)) {
        values.add(f);
        shortest = Math.min(shortest, f.length());
      }
    }
    values.sort(java.util.Comparator.comparingInt(String::length).reversed());
    registered = new Registered(values.toArray(String[]::new), shortest);
  }

  /** Returns a percent-encoded text with the hex digits of its escapes in lower case. */
  private static String lowerHex(String encoded) {
    StringBuilder out = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      out.append(c);
      if (c == '%' && i + 2 < encoded.length()) {
        out.append(Character.toLowerCase(encoded.charAt(i + 1))).append(Character.toLowerCase(encoded.charAt(i + 2)));
        i += 2;
      }
    }
    return out.toString();
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
