package dev.switchboard.importer.curl;

import java.util.List;

/**
 * One simple command of a pasted shell text: its words, and the control operator that ended it.
 *
 * @param words the arguments, the program's name first
 * @param endedBy the operator that ended the command: {@code ""} at the end of the text, {@code "\n"} at the end
 *     of a line, or one of {@code ; & | && ||}
 * @param redirections redirections that were dropped, as written ({@code > out.json}, {@code 2>/dev/null})
 */
public record Command(List<Word> words, String endedBy, List<String> redirections) {
  /** Returns the program's name (the first word), or an empty string for an empty command. */
  public String program() {
    return words.isEmpty() ? "" : words.get(0).text();
  }
}
