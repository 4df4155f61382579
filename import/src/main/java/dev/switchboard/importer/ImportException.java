package dev.switchboard.importer;

/**
 * Input that cannot be imported: text that is not a cURL command, unbalanced quotes, an unknown or unsupported
 * option, an unreadable OpenAPI document or Postman collection. The message names what was wrong (the token, the
 * line, the field) and what would be right; it never holds a secret. Nothing is produced when it is thrown.
 */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and what would be right
   */
  public ImportException(String message) {
    super(message);
  }
}
