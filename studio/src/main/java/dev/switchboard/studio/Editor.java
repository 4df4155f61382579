package dev.switchboard.studio;

import dev.switchboard.core.definition.Problem;
import dev.switchboard.importer.Finding;
import dev.switchboard.workspace.DocumentVersion;
import java.util.List;
import java.util.Optional;

/**
 * The action editor as shown: the form and the YAML (two views of one action), the version the edit is based on,
 * what the last step did, the definition's problems, the versions, and an import's report.
 *
 * @param connector the connector
 * @param action the action's saved name, or empty for a new one
 * @param baseVersion the version the edit is based on, 0 for a new action
 * @param form the form
 * @param yaml the YAML
 * @param outputSchema the output schema generated from a test's response, editable
 * @param notice what the last step did
 * @param problems the definition's problems with this action
 * @param versions the saved versions, newest first
 * @param findings what an import guessed, left to the user or ignored
 */
public record Editor(String connector, String action, int baseVersion, ActionForm form, String yaml, String outputSchema,
    Optional<Notice> notice, List<Problem> problems, List<DocumentVersion> versions, List<Finding> findings) {
  /** {@return the problems at a form field (name, method, path, query, headers, body, inputs, pagination, output)} */
  public List<Problem> at(String field) {
    return problems.stream().filter(p -> root(p.field()).equals(field)).toList();
  }

  /** {@return the problems no form field shows} */
  public List<Problem> general() {
    return problems.stream().filter(p -> !List.of("name", "title", "description", "method", "path", "query", "headers", "body", "inputs",
        "pagination", "output", "annotations").contains(root(p.field()))).toList();
  }

  /** {@return the editor's base URL, such as /connectors/okta/actions/list_users} */
  public String url() {
    return "/connectors/" + connector + "/actions/" + (action.isEmpty() ? "new" : action);
  }

  private static String root(String field) {
    int end = field.length();
    for (char c : new char[] {'.', '['}) {
      int i = field.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return field.substring(0, end);
  }
}
