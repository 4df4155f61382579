package dev.switchboard.importer.curl;

import java.util.Set;

/**
 * One argument of a command, as the program would receive it after the shell's quoting is undone.
 *
 * <p>Variables are not expanded (nothing here runs a shell): a reference such as {@code ${api_token}},
 * {@code $TOKEN}, {@code %TOKEN%} or {@code $env:TOKEN}, or a command substitution such as
 * {@code $(gcloud auth print-access-token)}, stays in the text as written and is named in {@link #variables()}, so
 * that the importer can treat it as a placeholder (a setting or a secret to fill in later), never as a value.
 *
 * @param text the argument's text
 * @param variables the names of the variables (or the text of the substitutions) it refers to, in order
 * @param line the 1-based line of the pasted text where the argument starts
 */
public record Word(String text, Set<String> variables, int line) {
  /**
   * Makes a word without variables.
   *
   * @param text the text
   * @param line the line where it starts
   * @return the word
   */
  public static Word of(String text, int line) {
    return new Word(text, Set.of(), line);
  }

  @Override
  public String toString() {
    return text;
  }
}
