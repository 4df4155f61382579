package dev.switchboard.core.secret;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scrubs registered secret values out of text before it reaches a log line, an error message, a run
 * record or any output. Every secret the engine resolves is registered here, with the forms it takes on the wire
 * and in a hostile server's echoes: URL- and JSON-encoded, and base64 / base64url (RFC 4648, sections 4 and 5).
 *
 * <p>Values shorter than 4 characters are not registered: scrubbing them would mangle ordinary text and
 * they are not credentials; for the same reason an encoded form shorter than {@value #MIN_ENCODED_CHARS} characters
 * is not registered. Thread-safe; registering is rare and copies, scrubbing reads one immutable snapshot (so a
 * listing's every string is checked without locking or allocating: a string shorter than the shortest form is passed
 * over at once).
 *
 * <p>A {@link #scope() scope} registers into its redactor for as long as it is open: one connector runtime
 * registers its secrets and tokens through its own scope and closes it with the runtime, so a replaced
 * connector's secrets stop being held (a value registered through several scopes, or also directly, stays until
 * the last lets it go). Closing a redactor that is not a scope does nothing.
 */
public final class Redactor implements AutoCloseable {
  /** What a scrubbed secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  /** The shortest base64 form registered, in characters: shorter ones would match ordinary words. */
  static final int MIN_ENCODED_CHARS = 8;

  /** The registered values and the length of the shortest, replaced as a whole on each registration. */
  private record Registered(String[] values, int shortest) {}

  /** One registration: a secret value (all its forms), or a credential as sent (its base64 forms only). */
  private record Registration(String text, boolean credential) {}

  private volatile Registered registered = new Registered(new String[0], Integer.MAX_VALUE);
  /** The redactor that scrubs: this one, or the one this scope registers into. */
  private final Redactor root;
  /** The root's registrations in the order they came, each with how many holders it has; guarded by the root. */
  private final Map<Registration, Integer> holders;
  /** A scope's registrations, released when it closes; guarded by the root. */
  private final List<Registration> held;
  private boolean closed;

  /** Creates a redactor with nothing registered. */
  public Redactor() {
    this.root = this;
    this.holders = new LinkedHashMap<>();
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
   * {@code +}), each with upper- and lower-case hex digits (RFC 3986, section 2.1: they are equivalent); escaped
   * inside a JSON string (RFC 8259, section 7, with {@code /} escaped or not, and with {@code < > &} as six-
   * character unicode escapes, as some servers write them); and in base64 and base64url (RFC 4648), alone or inside
   * any longer encoded text (see {@link #registerCredential}). A value shorter than 4 characters is not registered
   * in any form. Values are replaced longest first, so a secret inside a longer one leaves nothing of the longer one.
   *
   * @param value the secret value
   */
  public void register(String value) {
    if (value == null || value.length() < 4) {
      return;
    }
    hold(new Registration(value, false));
  }

  /** Returns the plain (unencoded, URL- and JSON-encoded) forms of a secret value. */
  private static Set<String> plainForms(String value) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(value);
    String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
    String percent = form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    for (String encoded : new String[] {form, percent}) {
      forms.add(encoded);
      forms.add(lowerHex(encoded));
    }
    String json = new String(JsonStringEncoder.getInstance().quoteAsString(value));
    forms.add(json);
    forms.add(json.replace("/", "\\/"));
    forms.add(json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
    forms.add(json.replace("/", "\\/").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
    return forms;
  }

  /**
   * Registers the base64 and base64url forms of a credential as it is sent, such as {@code SSWS <token>} or the
   * {@code client:secret} of HTTP Basic before it is encoded (RFC 7617), so that a server echoing it in base64
   * (alone or inside longer encoded text, at any byte offset) shows none of it. The text itself is not registered:
   * the secret inside it is, with {@link #register}. A form that holds one already registered adds nothing and is
   * left out.
   *
   * @param credential the credential as sent, may be null
   */
  public void registerCredential(String credential) {
    if (credential == null || credential.length() < 4) {
      return;
    }
    hold(new Registration(credential, true));
  }

  /** Counts one more holder of a registration (this scope's, if it is an open one), adding its forms when it is new. */
  private void hold(Registration registration) {
    synchronized (root) {
      if (root != this && !closed) {
        held.add(registration);
      }
      if (root.holders.merge(registration, 1, Integer::sum) == 1) {
        root.registered = add(root.registered, registration);
      }
    }
  }

  /** Lets go of registrations; the snapshot is rebuilt from those still held when one is gone. Root only, locked. */
  private void release(List<Registration> registrations) {
    boolean gone = false;
    for (Registration registration : registrations) {
      gone |= holders.computeIfPresent(registration, (k, n) -> n == 1 ? null : n - 1) == null;
    }
    if (gone) {
      Registered rebuilt = new Registered(new String[0], Integer.MAX_VALUE);
      for (Registration registration : holders.keySet()) {
        rebuilt = add(rebuilt, registration);
      }
      registered = rebuilt;
    }
  }

  /** Returns the snapshot with a registration's forms added. */
  private static Registered add(Registered now, Registration registration) {
    Set<String> plain = registration.credential() ? Set.of() : plainForms(registration.text());
    return add(now, plain, base64Forms(registration.text()));
  }

  /**
   * Returns the characters of every base64 and base64url encoding of a text holding the value that depend only on
   * the value's bytes: one run per byte offset modulo 3, since each 3 bytes become 4 characters. A run shorter than
   * {@value #MIN_ENCODED_CHARS} characters is left out.
   */
  private static Set<String> base64Forms(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    Set<String> out = new LinkedHashSet<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, shifted, offset, bytes.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      int from = (offset * 8 + 5) / 6;
      int to = (offset + bytes.length) * 8 / 6;
      if (to - from >= MIN_ENCODED_CHARS) {
        String run = encoded.substring(from, to);
        out.add(run);
        out.add(run.replace('+', '-').replace('/', '_'));
      }
    }
    return out;
  }

  /** Returns the snapshot with plain forms, and encoded forms that hold no registered or added form, added. */
  private static Registered add(Registered now, Set<String> plain, Set<String> encoded) {
    List<String> values = new ArrayList<>(Arrays.asList(now.values));
    int shortest = now.shortest;
    for (String f : plain) {
      if (!values.contains(f)) {
        values.add(f);
        shortest = Math.min(shortest, f.length());
      }
    }
    for (String f : encoded) {
      if (values.stream().noneMatch(f::contains)) {
        values.add(f);
        shortest = Math.min(shortest, f.length());
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Registered(values.toArray(String[]::new), shortest);
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
  public JsonNode scrub(JsonNode node) {
    if (node == null || root.registered.values.length == 0 || !holdsSecret(node)) {
      return node;
    }
    return copyScrubbed(node);
  }

  private boolean holdsSecret(JsonNode node) {
    if (node.isTextual()) {
      return containsSecret(node.textValue());
    }
    if (node.isObject()) {
      for (var it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (containsSecret(e.getKey()) || holdsSecret(e.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (holdsSecret(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private JsonNode copyScrubbed(JsonNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isTextual()) {
      return f.textNode(scrub(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode out = f.objectNode();
      node.fields().forEachRemaining(e -> out.set(scrub(e.getKey()), copyScrubbed(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = f.arrayNode();
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
