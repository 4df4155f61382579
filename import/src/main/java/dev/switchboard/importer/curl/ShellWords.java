package dev.switchboard.importer.curl;

import java.util.List;

/**
 * Splits a pasted command line into commands and words the way its shell would, without running anything:
 * {@link PosixWords} for bash and sh, {@link CmdWords} for cmd.exe, {@link PowerShellWords} for PowerShell.
 */
public final class ShellWords {
  private ShellWords() {}

  /**
   * Splits text written for a shell.
   *
   * @param text the pasted text
   * @param shell the shell it was written for
   * @return the commands in order, each with its words
   * @throws dev.switchboard.importer.ImportException for unbalanced quotes, an unfinished escape or a construct
   *     that cannot be read without running the shell (a here-document); the message gives line and column
   */
  public static List<Command> split(String text, Shell shell) {
    return switch (shell) {
      case POSIX -> new PosixWords(text).commands();
      case CMD -> new CmdWords(text).commands();
      case POWERSHELL -> new PowerShellWords(text).commands();
    };
  }

  /** Returns "line L, column C" of an offset in a text, 1-based. */
  static String position(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + ", column " + column;
  }

  /** Returns the 1-based line of an offset. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Returns up to 30 characters of text from an offset, on one line, for error messages. */
  static String excerpt(String text, int offset) {
    String rest = text.substring(Math.min(offset, text.length()));
    int nl = rest.indexOf('\n');
    if (nl >= 0) {
      rest = rest.substring(0, nl);
    }
    return rest.length() > 30 ? rest.substring(0, 30) + "…" : rest;
  }
}
