package dev.switchboard.importer.curl;

import java.util.Locale;
import java.util.Optional;

/**
 * The shell a pasted command was written for, which decides how its quotes and escapes are read. Browsers'
 * "Copy as cURL" comes in three: bash (POSIX quoting, {@code \} continuations), cmd ({@code ^} escapes and
 * continuations, {@code ^"} quotes, then the Microsoft C runtime's argument rules) and PowerShell (backtick
 * escapes and continuations, {@code curl.exe}).
 */
public enum Shell {
  /** bash, zsh, sh: quoting as in POSIX sh, plus bash's {@code $'...'}. */
  POSIX,
  /** Windows cmd.exe running curl.exe: cmd's {@code ^} and quote rules, then the C runtime's argv rules. */
  CMD,
  /** Windows PowerShell or PowerShell 7: backtick escapes, single and double quotes, {@code $variables}. */
  POWERSHELL;

  /**
   * Parses a shell name as given on the command line.
   *
   * @param name bash, sh, zsh, posix, cmd, powershell or pwsh (any case)
   * @return the shell, or empty when the name is none of those
   */
  public static Optional<Shell> named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "bash", "sh", "zsh", "posix" -> Optional.of(POSIX);
      case "cmd", "cmd.exe" -> Optional.of(CMD);
      case "powershell", "pwsh", "ps" -> Optional.of(POWERSHELL);
      default -> Optional.empty();
    };
  }

  /**
   * Guesses the shell from the text: a line ending in {@code ^} or a {@code ^"} quote means cmd; a line ending
   * in a backtick, or {@code Invoke-WebRequest}/{@code Invoke-RestMethod}, means PowerShell; anything else is
   * read as POSIX.
   *
   * @param text the pasted command
   * @return the shell it was most likely written for
   */
  public static Shell guess(String text) {
    String trimmed = text.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("invoke-webrequest") || lower.startsWith("invoke-restmethod") || lower.startsWith("iwr ")
        || lower.startsWith("irm ") || lower.startsWith("$session") || lower.contains("\ninvoke-webrequest")
        || lower.contains("\ninvoke-restmethod")) {
      return POWERSHELL;
    }
    boolean caretLine = false;
    boolean backtickLine = false;
    for (String line : trimmed.split("\r?\n")) {
      String l = line.stripTrailing();
      caretLine |= l.endsWith("^") && !l.endsWith("^^");
      backtickLine |= l.endsWith("`");
    }
    if (caretLine || trimmed.contains("^\"")) {
      return CMD;
    }
    if (backtickLine) {
      return POWERSHELL;
    }
    return POSIX;
  }
}
