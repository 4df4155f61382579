package dev.switchboard.core.output;

import java.util.Locale;

/**
 * Makes text that came from a server or a user safe to show on a terminal or in a log line: control characters
 * (C0 and C1, so escape sequences, carriage returns and bells) and Unicode format characters (bidirectional overrides,
 * zero-width characters; general category Cf) are shown as {@code \\uXXXX}, so a terminal shows them and never obeys
 * them, and a log line cannot be split or rewritten.
 */
public final class TerminalText {
  private TerminalText() {}

  /**
   * Escapes a text.
   *
   * @param text any text, may be null (then empty)
   * @param keepNewlines whether a newline stays a newline (for a message of several lines) or is escaped too (for
   *     one log line)
   * @return the text with every control and format character escaped; the same string when there is none
   */
  public static String escape(String text, boolean keepNewlines) {
    if (text == null) {
      return "";
    }
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (unsafe(c, keepNewlines)) {
        break;
      }
      i += Character.charCount(c);
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
    text.codePoints().skip(text.codePointCount(0, i)).forEach(c -> {
      if (unsafe(c, keepNewlines)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static boolean unsafe(int c, boolean keepNewlines) {
    return (Character.isISOControl(c) && !(keepNewlines && c == '\n')) || Character.getType(c) == Character.FORMAT;
  }
}
