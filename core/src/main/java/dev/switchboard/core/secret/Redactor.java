package dev.switchboard.core.secret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scrubs registered secret values out of text before it reaches a log line, an error message, a run
 * record or any output. Every secret the engine resolves is registered here.
 *
 * <p>Values shorter than 4 characters are not registered: scrubbing them would mangle ordinary text and
 * they are not credentials. Thread-safe; registering is rare and copies, scrubbing reads one immutable
 * snapshot (so a listing's every string is checked without locking or allocating: a string shorter than the
 * shortest secret is passed over at once).
 *
 * <p>A {@link #scope() scope} registers into its redactor for as long as it is open: one connector runtime
 * registers its secrets and tokens through its own scope and closes it with the runtime, so a replaced
 * connector's secrets stop being held (a value registered through several scopes, or also directly, stays until
 * the last lets it go). Closing a redactor that is not a scope does nothing.
 */
public final class Redactor implements AutoCloseable {
  /** What a scrubbed secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  /** The registered values and the length of the shortest, replaced as a whole on each registration. */
  private record Registered(String[] values, int shortest) {}

  private volatile Registered registered = new Registered(new String[0], Integer.MAX_VALUE);
  /** The redactor that scrubs: this one, or the one this scope registers into. */
  private final Redactor root;
  /** The root's registered values, each with how many registrations hold it; guarded by the root. */
  private final Map<String, Integer> holders;
  /** A scope's registrations, released when it closes; guarded by the root. */
  private final List<String> held;
  private boolean closed;

  /** Creates a redactor with nothing registered. */
  public Redactor() {
    this.root = this;
    this.holders = new HashMap<>();
    this.held = List.of();
  }

  private Redactor(Redactor root) {
    this.root = root;
    this.holders = Map.of();
    this.held = new ArrayList<>();
  }

  /**
   * Returns a scope of this redactor: what is registered through it is scrubbed by this redactor (and by the
   * scope, which scrubs as this one does) until the scope is {@link #close() closed}.
   *
   * @return a new open scope
   */
  public Redactor scope() {
    return new Redactor(root);
  }

  /**
   * Closes a scope: the values registered through it are no longer scrubbed, unless something else still
   * registers them. A value registered through a scope after it was closed is kept for good. Does nothing on a
   * redactor that is not a scope, or twice.
   */
  @Override
  public void close() {
    if (root == this) {
      return;
    }
    synchronized (root) {
      if (closed) {
        return;
      }
      closed = true;
      root.release(held);
      held.clear();
    }
  }

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
  public void register(String value) {
    if (value == null || value.length() < 4) {
      return;
    }
    synchronized (root) {
      if (root != this && !closed) {
        held.add(value);
      }
      root.hold(value);
    }
  }

  /** Counts one more registration of a value, adding its forms to the snapshot when it is new. Root only, locked. */
  private void hold(String value) {
    if (holders.merge(value, 1, Integer::sum) > 1) {
      return;
    }
    Registered now = registered;
    List<String> values = new ArrayList<>(Arrays.asList(now.values));
    int shortest = now.shortest;
    for (String f : forms(value)) {
      if (!values.contains(f)) {
        values.add(f);
        shortest = Math.min(shortest, f.length());
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    registered = new Registered(values.toArray(String[]::new), shortest);
  }

  /** Lets go of registrations; the snapshot is rebuilt from what is still held when a value is gone. Root only, locked. */
  private void release(List<String> values) {
    boolean gone = false;
    for (String value : values) {
      Integer left = holders.computeIfPresent(value, (k, n) -> n == 1 ? null : n - 1);
      gone |= left == null;
    }
    if (!gone) {
      return;
    }
    Set<String> forms = new LinkedHashSet<>();
    holders.keySet().forEach(v -> forms.addAll(forms(v)));
    List<String> sorted = new ArrayList<>(forms);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    registered = new Registered(sorted.toArray(String[]::new),
        sorted.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE));
  }

  /** Returns the forms of a value that are scrubbed: the value itself, its URL-encoded and JSON-escaped forms. */
  private static Set<String> forms(String value) {
    Set<String> forms = new LinkedHashSet<>();
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
    return forms;
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
    if (node == null || root.registered.values.length == 0 || !holdsSecret(node)) {
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
    Registered now = root.registered;
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
    Registered now = root.registered;
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
