package dev.switchboard.core.secret;

/**
 * A resolved secret value. Its {@link #toString()} never shows the value, so a secret that slips into a
 * log line or an error message shows as {@code Secret[name=okta_api_token]}.
 *
 * @param name the secret's name, such as {@code okta_api_token}
 * @param value the value, already trimmed of surrounding whitespace
 * @param origin where it came from, for error messages, such as {@code environment variable OKTA_API_TOKEN}
 */
public record Secret(String name, String value, String origin) {
  /**
   * Makes a secret from raw text (as read from an environment variable or a file): surrounding
   * whitespace, including a trailing newline, is trimmed (case C10 of the field cases).
   *
   * @param name the secret's name
   * @param raw the raw text
   * @param origin where the text came from, for error messages, such as {@code environment variable OKTA_API_TOKEN}
   * @return the secret
   * @throws SecretException when the trimmed value is empty; the message never holds the value
   */
  public static Secret of(String name, String raw, String origin) {
    String value = raw.strip();
    if (value.isEmpty()) {
      throw new SecretException("secret '" + name + "' from " + origin + " is empty");
    }
    return new Secret(name, value, origin);
  }

  /**
   * Checks that the value is one line of printable ASCII, as every credential sent in a header must be: CR, LF
   * or NUL inside it would end the header and start another (case C10), and other characters cannot travel in a
   * header at all. Private keys in PEM form are the exception and are
   * never checked with this.
   *
   * @return this secret
   * @throws SecretException when the value holds CR, LF or NUL; the message never holds the value
   */
  public Secret singleLine() {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new SecretException("secret '" + name + "' from " + origin
            + " contains a line break or NUL inside it; a credential is one line (check for a pasted second line)");
      }
      if (c < 0x20 || c == 0x7f || c > 0x7e) {
        throw new SecretException("secret '" + name + "' from " + origin
            + " contains a control character or a character outside printable ASCII; API tokens and passwords sent in"
            + " headers are printable ASCII (check for a stray character when it was pasted)");
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return "Secret[name=" + name + "]";
  }
}
