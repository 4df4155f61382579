package dev.switchboard.core.definition;

import java.util.Objects;

/**
 * One definition file as text, with the name a user knows it by.
 *
 * <p>Every {@link Problem} found in the text names this source: {@code Problem.file()} is {@link #name()}.
 *
 * @param name how the user knows the source, such as {@code tix/actions/get_ticket.yaml} or
 *     {@code workspace:tix@prod/get_ticket v3}; when it ends in {@code .yaml} or {@code .yml}, its last segment
 *     (after {@code /}, {@code \} or {@code :}) without that extension is the default name of an action read from it
 * @param text the YAML text, at most {@link DefinitionLoader#MAX_FILE_BYTES} bytes in UTF-8
 */
public record SourceText(String name, String text) {
  /** Checks that both parts are present. */
  public SourceText {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Returns the action name this source implies: the last segment of {@link #name()} (after the last
   * {@code /}, {@code \} or {@code :}) without its {@code .yaml} or {@code .yml} extension.
   */
  String stem() {
    int cut = Math.max(name.lastIndexOf('/'), Math.max(name.lastIndexOf('\\'), name.lastIndexOf(':')));
    String last = name.substring(cut + 1);
    return last.replaceFirst("\\.ya?ml$", "");
  }

  /** Tells whether the name is a YAML file name, so that an action's name must match it. */
  boolean namedAsFile() {
    return name.matches("(?s).*\\.ya?ml");
  }
}
