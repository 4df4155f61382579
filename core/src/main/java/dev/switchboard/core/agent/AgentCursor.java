package dev.switchboard.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a budgeted listing stopped: the upstream cursor of the page that holds the next item (empty for the
 * listing's first page), the offset of that item within the page, and the page size the page was requested
 * with (the offset only means something for pages of that size). It is bound to one action and to the
 * digest of the call's other inputs, so that it cannot continue a different listing by mistake.
 *
 * <p>On the wire it is opaque: {@code sb1.} followed by base64url (RFC 4648 section 5, no padding) of a
 * small JSON object. It is not signed: whoever holds it could as well pass the upstream cursor itself, so it
 * grants nothing.
 *
 * @param action the action reference, such as {@code okta.list_users}
 * @param upstream the cursor to send in the action's {@code cursor_param} to get the page; empty for the first page
 * @param offset how many records of that page the agent has already seen, 0 or more
 * @param pageSize the page size sent in the action's {@code limit_param}; 0 when the action has none
 * @param inputsDigest the digest of the call's inputs other than the cursor and the page size ({@link #digest})
 */
public record AgentCursor(String action, Optional<String> upstream, int offset, int pageSize, String inputsDigest) {
  /** The name of the input that takes a cursor back: {@value}. */
  public static final String INPUT = "next_cursor";
  private static final String PREFIX = "sb1.";
  private static final int MAX_CHARS = 4096;
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /**
   * Checks the fields.
   *
   * @param action the action reference
   * @param upstream the upstream cursor of the page, empty for the first page
   * @param offset the records of that page already seen
   * @param pageSize the page size the page is requested with, 0 when none
   * @param inputsDigest the digest of the other inputs
   * @throws IllegalArgumentException when the offset or page size is negative
   */
  public AgentCursor {
    if (offset < 0 || pageSize < 0) {
      throw new IllegalArgumentException("offset and page size must be 0 or more; got " + offset + " and " + pageSize);
    }
  }

  /** {@return the cursor as the opaque text handed to agents} */
  public String encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("a", action);
    upstream.ifPresent(u -> node.put("u", u));
    node.put("o", offset);
    node.put("p", pageSize);
    node.put("d", inputsDigest);
    try {
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a cursor", e);
    }
  }

  /**
   * Reads a cursor handed back by an agent.
   *
   * @param text the text of the {@value #INPUT} input
   * @param action the action being called, such as {@code okta.list_users}
   * @return the cursor
   * @throws ActionError (category validation, field {@value #INPUT}) when the text is not a cursor this
   *     server wrote, or was written for another action
   */
  public static AgentCursor decode(String text, String action) {
    String t = text == null ? "" : text.strip();
    if (!t.startsWith(PREFIX) || t.length() > MAX_CHARS) {
      throw invalid(action, "is not a cursor from this server; pass the next_cursor of the previous result unchanged,"
          + " or leave it out to start from the beginning");
    }
    JsonNode node;
    try {
      node = JSON.readTree(Base64.getUrlDecoder().decode(t.substring(PREFIX.length())));
    } catch (IllegalArgumentException | IOException e) {
      node = null;
    }
    if (node == null || !node.isObject() || !node.path("a").isTextual() || !node.path("o").canConvertToInt()
        || !node.path("p").canConvertToInt() || !node.path("d").isTextual() || node.path("o").asInt() < 0
        || node.path("p").asInt() < 0 || node.has("u") && !node.get("u").isTextual()) {
      throw invalid(action, "is damaged; pass the next_cursor of the previous result unchanged, or leave it out to"
          + " start from the beginning");
    }
    if (!node.get("a").asText().equals(action)) {
      throw invalid(action, "belongs to " + node.get("a").asText() + ", not " + action
          + "; pass it to the tool that returned it, or leave it out to start from the beginning");
    }
    return new AgentCursor(action, node.has("u") ? Optional.of(node.get("u").asText()) : Optional.empty(),
        node.get("o").asInt(), node.get("p").asInt(), node.get("d").asText());
  }

  /**
   * Digests a call's inputs (keys sorted, compact JSON, SHA-256, first 12 bytes in base64url), so that a cursor
   * can tell whether it is used with the same inputs it was made for.
   *
   * @param inputs the bound inputs without the cursor and the page size
   * @return the digest, 16 characters
   */
  public static String digest(ObjectNode inputs) {
    try {
      byte[] json = JSON.writeValueAsString(JSON.treeToValue(inputs, Object.class)).getBytes(StandardCharsets.UTF_8);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(json);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest inputs", e);
    }
  }

  static ActionError invalid(String action, String message) {
    return ActionError.builder(ErrorCategory.VALIDATION, action, "input '" + INPUT + "' " + message).field(INPUT).build();
  }
}
