package dev.switchboard.core.secret;

/**
 * A secret that is missing or malformed, or a store that cannot be read ({@link SecretStoreUnreadableException}). The
 * message names the secret and its origin, never its value.
 */
public sealed class SecretException extends RuntimeException permits SecretStoreUnreadableException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it, without the secret's value
   */
  public SecretException(String message) {
    super(message);
  }
}
