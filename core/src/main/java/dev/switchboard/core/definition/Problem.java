package dev.switchboard.core.definition;

/**
 * One thing wrong with a definition file.
 *
 * @param file the file, as the user knows it (a path, or {@code classpath:...} for built-in packs)
 * @param line the 1-based line of the field, or 0 when the whole file is concerned
 * @param field the dotted path of the field, such as {@code auth.format} or {@code inputs.limit.maximum};
 *     empty when the whole file is concerned
 * @param message what is wrong and what would be right
 */
public record Problem(String file, int line, String field, String message) {
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (!field.isEmpty()) {
      out.append(field).append(": ");
    }
    return out.append(message).toString();
  }
}
