package dev.switchboard.workspace;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A request the workspace refuses: something that does not exist, a stale edit, or a value that breaks a rule. The
 * message says what was wrong and what would be right, and never holds a credential's value.
 */
public class WorkspaceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused; the server answers 404, 409 and 400. */
  public enum Kind {
    /** The connector, file, version, credential, run or key does not exist. */
    NOT_FOUND,
    /** The request conflicts with the workspace's state (a stale save, a name already taken). */
    CONFLICT,
    /** A value breaks a rule (a name, a size, a format). */
    INVALID
  }

  private final Kind kind;
  private final transient Optional<String> field;

  /**
   * Creates the exception.
   *
   * @param kind why the request was refused
   * @param field the request field at fault, such as {@code name}, or null
   * @param message what was wrong and what would be right
   */
  public WorkspaceException(Kind kind, String field, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
    this.field = Optional.ofNullable(field);
  }

  /** {@return why the request was refused} */
  public Kind kind() {
    return kind;
  }

  /** {@return the request field at fault, when one is} */
  public Optional<String> field() {
    return field;
  }

  static WorkspaceException notFound(String message) {
    return new WorkspaceException(Kind.NOT_FOUND, null, message);
  }

  static WorkspaceException invalid(String field, String message) {
    return new WorkspaceException(Kind.INVALID, field, message);
  }

  /**
   * Tells whether a statement failed on a unique or primary key: another request (on this instance or another one on
   * the same database) wrote the same key between this one's check and its insert. Read from the driver's message,
   * the same on SQLite ({@code UNIQUE constraint failed}) and PostgreSQL ({@code duplicate key value}).
   */
  static boolean duplicateKey(UnableToExecuteStatementException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("unique") || message.contains("duplicate key") || message.contains("primary key");
  }
}
