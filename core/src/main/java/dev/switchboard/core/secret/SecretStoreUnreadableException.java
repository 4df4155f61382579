package dev.switchboard.core.secret;

import java.nio.file.Path;

/**
 * The encrypted secret store exists but cannot be read: it is not valid JSON, not a Switchboard store, a directory,
 * or refused by the file system. Distinct from a secret that is not set: the store may well hold it. The message says
 * which file, why, and what to do; it never holds a value.
 */
public final class SecretStoreUnreadableException extends SecretException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the store file
   * @param reason why it cannot be read, such as {@code it is not valid JSON (line 1, column 34)}
   */
  SecretStoreUnreadableException(Path file, String reason) {
    super("the secret store " + file + " cannot be read: " + reason + ". It holds only encrypted values: restore it from a"
        + " backup, or move it aside and store the secrets again with 'switchboard secrets set NAME'; meanwhile a secret"
        + " can be given in its environment variable");
    this.file = file;
  }

  /** Returns the store file. */
  public Path file() {
    return file;
  }
}
