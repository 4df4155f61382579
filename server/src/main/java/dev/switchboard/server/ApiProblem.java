package dev.switchboard.server;

import dev.switchboard.core.definition.Problem;
import java.util.List;
import java.util.Optional;

/**
 * A request the API refuses, answered as RFC 9457 problem details ({@code application/problem+json}):
 * {@code {"type", "title", "status", "detail", "field"?}}. The detail says what was wrong and what would be
 * right; it never holds a stack trace or a secret.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient Optional<String> field;
  private final transient List<Problem> problems;

  /**
   * Creates the problem.
   *
   * @param status the HTTP status, 4xx
   * @param field the request field at fault (such as {@code yaml} or {@code base_version}), or null
   * @param detail what was wrong and what would be right
   */
  public ApiProblem(int status, String field, String detail) {
    this(status, field, detail, List.of());
  }

  /**
   * Creates the problem of a definition that does not load.
   *
   * @param status the HTTP status, 4xx
   * @param field the request field at fault
   * @param detail what was wrong
   * @param problems each problem of the definition, with its file, line and field
   */
  public ApiProblem(int status, String field, String detail, List<Problem> problems) {
    super(detail);
    this.status = status;
    this.field = Optional.ofNullable(field);
    this.problems = List.copyOf(problems);
  }

  /** {@return the definition's problems, when the request was a definition that does not load} */
  public List<Problem> problems() {
    return problems;
  }

  /** {@return the HTTP status} */
  public int status() {
    return status;
  }

  /** {@return the request field at fault, when one is} */
  public Optional<String> field() {
    return field;
  }

  static ApiProblem badRequest(String field, String detail) {
    return new ApiProblem(400, field, detail);
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(404, null, detail);
  }
}
