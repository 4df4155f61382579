package dev.switchboard.importer;

/**
 * One line of an import's report: something the importer guessed, left for the user to do, or ignored. The CLI
 * prints these; the studio and the REST API show them next to the definitions they concern.
 *
 * @param kind what sort of note it is
 * @param subject what it is about, such as {@code action list_users}, {@code input limit}, {@code auth} or
 *     {@code option -k}
 * @param message one or two sentences for a person; never holds a secret
 */
public record Finding(Kind kind, String subject, String message) {
  /** What sort of note a finding is. */
  public enum Kind {
    /** The importer chose something the input did not say outright (a type, a name, an auth scheme). */
    GUESSED,
    /** Something only the user can do or decide (fill a placeholder, describe the action, store a secret). */
    LEFT_TO_USER,
    /** Part of the input that was read and deliberately not used (-k, -i, browser headers, cookies). */
    IGNORED
  }

  /** Makes a {@link Kind#GUESSED} finding. */
  public static Finding guessed(String subject, String message) {
    return new Finding(Kind.GUESSED, subject, message);
  }

  /** Makes a {@link Kind#LEFT_TO_USER} finding. */
  public static Finding leftToUser(String subject, String message) {
    return new Finding(Kind.LEFT_TO_USER, subject, message);
  }

  /** Makes an {@link Kind#IGNORED} finding. */
  public static Finding ignored(String subject, String message) {
    return new Finding(Kind.IGNORED, subject, message);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + subject + ": " + message;
  }
}
