package dev.switchboard.mcp.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer API key clients of the HTTP transport send as {@code Authorization: Bearer <key>}. Either
 * generated (32 random bytes, base64url, prefixed {@code sbk_}) or taken from {@value #ENV}. Compared in
 * constant time; {@link #toString()} never shows it.
 */
public final class ApiKey {
  /** The environment variable a key can be given in: {@value}. */
  public static final String ENV = "SWITCHBOARD_MCP_API_KEY";
  /** The shortest key accepted, in characters. */
  public static final int MIN_LENGTH = 24;

  private final String value;
  private final byte[] digest;

  private ApiKey(String value) {
    this.value = value;
    this.digest = sha256(value);
  }

  /**
   * Generates a key.
   *
   * @param random the source of the key's bytes
   * @return the key
   */
  public static ApiKey generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new ApiKey("sbk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Takes a key given by the user.
   *
   * @param value the key; surrounding whitespace is trimmed
   * @return the key
   * @throws IllegalArgumentException when it is shorter than {@value #MIN_LENGTH} characters or holds whitespace
   *     or control characters (the message never contains the value)
   */
  public static ApiKey of(String value) {
    String v = value == null ? "" : value.strip();
    if (v.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("the API key must be at least " + MIN_LENGTH + " characters; the one given has "
          + v.length());
    }
    if (!v.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("the API key may hold only printable ASCII characters, without spaces");
    }
    return new ApiKey(v);
  }

  /**
   * Tells whether a presented key is this one, in time independent of where they differ.
   *
   * @param presented the key a request carried
   * @return true on a match
   */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** {@return the key itself, to show once to the person who starts the server} */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
