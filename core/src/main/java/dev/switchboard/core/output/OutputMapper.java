package dev.switchboard.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import io.burt.jmespath.Expression;
import java.util.Optional;

/**
 * Turns a response body into an action's output with the action's two JMESPath expressions
 * (https://jmespath.org/specification.html, evaluated by io.burt:jmespath-jackson): {@code records} selects
 * the list of records in a page, {@code map} projects each record. Compiled once; thread-safe.
 */
public final class OutputMapper {

  private final String owner;
  private final Optional<Named> records;
  private final Optional<Named> map;

  private OutputMapper(String owner, Optional<Named> records, Optional<Named> map) {
    this.owner = owner;
    this.records = records;
    this.map = map;
  }

  /**
   * Compiles an output block (an action's {@code output.records} and {@code output.map}).
   *
   * @param records the JMESPath expression that selects a page's list of records, if declared
   * @param map the JMESPath projection of each record (or of the whole body without records), if declared
   * @return the mapper
   * @throws io.burt.jmespath.JmesPathException when an expression does not parse (definitions are checked
   *     when loaded, so this means a bug)
   */
  public static OutputMapper of(Optional<String> records, Optional<String> map) {
    return of("output", records, map);
  }

  /**
   * Compiles an output block for an action, whose reference names the errors of its evaluation.
   *
   * @param owner the action's reference, such as {@code okta.list_users}
   * @param records the JMESPath expression that selects a page's list of records, if declared
   * @param map the JMESPath projection of each record (or of the whole body without records), if declared
   * @return the mapper; an evaluation that fails (a function given the wrong type, a value over the
   *     {@link JmespathLimitException limit}) throws an {@link ActionError} of category {@code bad_definition}
   * @throws io.burt.jmespath.JmesPathException when an expression does not parse
   */
  public static OutputMapper of(String owner, Optional<String> records, Optional<String> map) {
    return new OutputMapper(owner, records.map(e -> new Named("output.records", e, Jmespath.compile(e))),
        map.map(e -> new Named("output.map", e, Jmespath.compile(e))));
  }

  /** An expression with the field it comes from, for errors. */
  private record Named(String field, String text, Expression<JsonNode> compiled) {}

  /** Evaluates one of the expressions; a failure is the definition's, reported for the owner. */
  private JsonNode search(Named expression, JsonNode input) {
    try {
      return expression.compiled().search(input);
    } catch (RuntimeException e) {
      throw ActionError.builder(ErrorCategory.BAD_DEFINITION, owner, owner + ": " + expression.field() + " '"
          + expression.text() + "' failed: " + e.getMessage() + " (a problem in the action's definition)").build();
    }
  }

  /**
   * Tells whether a body holds a list of records: a {@code records} expression is declared, or the body is
   * a JSON array.
   *
   * @param body a page's body
   * @return true for a listing
   */
  public boolean isList(JsonNode body) {
    return records.isPresent() || body.isArray();
  }

  /**
   * Tells whether a declared {@code records} expression finds a list in a body. Without a declared expression
   * every body is acceptable.
   *
   * @param body a page's body
   * @return false when {@code records} is declared and does not select a JSON array
   */
  public boolean recordsFound(JsonNode body) {
    if (records.isEmpty()) {
      return true;
    }
    JsonNode list = search(records.get(), body);
    return list != null && list.isArray();
  }

  /**
   * Counts the records of one page's body, before mapping.
   *
   * @param body the response body
   * @return the number of records, 0 when the body holds no list
   */
  public int count(JsonNode body) {
    if (!isList(body)) {
      return 0;
    }
    JsonNode list = records.map(e -> search(e, body)).orElse(body);
    return list != null && list.isArray() ? list.size() : 0;
  }

  /**
   * Maps one page's body.
   *
   * @param body the response body (JSON)
   * @return for a listing, an array with one mapped element per record (records that map to null are
   *     dropped); otherwise the mapped body
   */
  public JsonNode apply(JsonNode body) {
    if (!isList(body)) {
      return map.map(e -> search(e, body)).orElse(body);
    }
    JsonNode list = records.map(e -> search(e, body)).orElse(body);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode record : list) {
      JsonNode mapped = map.isPresent() ? search(map.get(), record) : record;
      if (mapped != null && !mapped.isNull()) {
        out.add(mapped);
      }
    }
    return out;
  }
}
