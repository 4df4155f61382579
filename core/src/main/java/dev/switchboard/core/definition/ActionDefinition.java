package dev.switchboard.core.definition;

import dev.switchboard.core.template.JsonTemplate;
import dev.switchboard.core.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP action on a connector, as declared in {@code actions/NAME.yaml}: one request with typed inputs,
 * optional pagination and an output mapping. Templates are already parsed and checked.
 *
 * @param name the action's name, unique in its connector, such as {@code list_users}
 * @param title a short human title
 * @param description what the action does and when to use it, written for a model
 * @param method the HTTP method, upper case
 * @param path the path template, appended to the connector's base URL; each value is one path segment
 * @param query query parameter templates by name, in order; a parameter whose inputs are all absent is dropped
 * @param headers header templates by name
 * @param body the JSON body template, when the action sends one
 * @param inputs the inputs by name, in declaration order
 * @param pagination how to reach further pages
 * @param output how to map the response body
 * @param annotations hints about the action's effects; {@code idempotent} also allows retries
 * @param errorHints extra advice by upstream error code (such as {@code ticket_closed}), added to error messages
 * @param steps for a compound action, its steps (then method, path, query, headers and body are unused)
 * @param internal whether the action is only a building block of compound actions: it is left out of
 *     listings and tools, so callers cannot bypass the compound's checks
 * @param file the file it was read from
 */
public record ActionDefinition(
    String name,
    String title,
    String description,
    String method,
    Template path,
    Map<String, Template> query,
    Map<String, Template> headers,
    Optional<JsonTemplate> body,
    Map<String, InputDefinition> inputs,
    PaginationConfig pagination,
    OutputConfig output,
    Annotations annotations,
    Map<String, String> errorHints,
    List<Step> steps,
    boolean internal,
    String file) {

  /** Tells whether this is a compound action (it has steps). */
  public boolean compound() {
    return !steps.isEmpty();
  }
}
