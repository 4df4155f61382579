package dev.switchboard.importer;

/**
 * One line of an import's report: something the importer guessed, left for the user to do, or ignored. The CLI
 * prints these; the studio and the REST API show them next to the definitions they concern.
 *
 * @param kind what sort of note it is
 * @param subject what it is about, such as {@code action list_users}, {@code input limit}, {@code auth} or
 *     {@code option -k}
 * @param message one or two sentences for a person, true wherever the import was made (the command line, the studio,
 *     the REST API); never holds a secret
 * @param commandLine what the command line adds to the message, naming its options (such as {@code with --name}); empty
 *     when nothing
 */
public record Finding(Kind kind, String subject, String message, String commandLine) {
  /** Makes a finding with nothing added on the command line. */
  public Finding(Kind kind, String subject, String message) {
    this(kind, subject, message, "");
  }

  /** {@return the message as the command line prints it: with what it adds, such as the option to use} */
  public String messageForCommandLine() {
    return commandLine.isEmpty() ? message : message + " " + commandLine;
  }

  /** {@return this finding with what the command line adds to its message} */
  public Finding onCommandLine(String addition) {
    return new Finding(kind, subject, message, addition);
  }

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
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + subject + ": " + messageForCommandLine();
  }
}
