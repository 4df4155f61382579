package dev.switchboard.core.template;

/**
 * A template that cannot be parsed (an unclosed tag, a section closed by the wrong name, a partial),
 * or a value that cannot be placed where the template puts it.
 *
 * <p>The message names the problem and, for parse errors, the 1-based line and column inside the
 * template. It never contains an interpolated value.
 */
public final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and what would be right
   */
  public TemplateException(String message) {
    super(message);
  }
}
