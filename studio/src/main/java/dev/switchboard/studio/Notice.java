package dev.switchboard.studio;

import dev.switchboard.core.definition.Problem;
import dev.switchboard.server.ApiProblem;
import dev.switchboard.workspace.EditConflictException;
import dev.switchboard.workspace.WorkspaceException;
import java.util.List;
import java.util.Optional;

/**
 * A message shown on a page: what was done, or what the service layer refused (its words, the field at fault and,
 * for a definition that does not load, each problem with its file, line and field).
 *
 * @param kind {@code ok}, {@code error} or {@code conflict}
 * @param message the words
 * @param field the field at fault, when one is
 * @param problems a definition's problems
 * @param status the HTTP status to answer with
 */
public record Notice(String kind, String message, Optional<String> field, List<Problem> problems, int status) {
  /** {@return a notice that something was done} */
  static Notice ok(String message) {
    return new Notice("ok", message, Optional.empty(), List.of(), 200);
  }

  /** {@return a notice of a refusal by the service layer} */
  static Notice of(RuntimeException e) {
    if (e instanceof ApiProblem p) {
      return new Notice("error", p.getMessage(), p.field(), p.problems(), p.status());
    }
    if (e instanceof EditConflictException c) {
      return new Notice("conflict", c.getMessage(), c.field(), List.of(), 409);
    }
    if (e instanceof WorkspaceException w) {
      int status = switch (w.kind()) {
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case INVALID -> 400;
      };
      return new Notice(status == 409 ? "conflict" : "error", w.getMessage(), w.field(), List.of(), status);
    }
    throw e;
  }

  /** {@return whether this is an error} */
  public boolean error() {
    return !kind.equals("ok");
  }

  /** {@return the problems whose field starts with a form field's name, for showing them at that field} */
  public List<Problem> at(String formField) {
    return problems.stream().filter(p -> p.field().equals(formField) || p.field().startsWith(formField + ".")
        || p.field().startsWith(formField + "[")).toList();
  }
}
