package dev.switchboard.core.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.burt.jmespath.Expression;
import java.util.Optional;

/**
 * Turns a response body into an action's output with the action's two JMESPath expressions
 * (https://jmespath.org/specification.html, evaluated by io.burt:jmespath-jackson): {@code records} selects
 * the list of records in a page, {@code map} projects each record. Compiled once; thread-safe.
 */
public final class OutputMapper {

  private final Optional<Expression<JsonNode>> records;
  private final Optional<Expression<JsonNode>> map;

  private OutputMapper(Optional<Expression<JsonNode>> records, Optional<Expression<JsonNode>> map) {
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
    return new OutputMapper(records.map(Jmespath::compile), map.map(Jmespath::compile));
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
    JsonNode list = records.get().search(body);
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
    JsonNode list = records.map(e -> e.search(body)).orElse(body);
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
      return map.map(e -> e.search(body)).orElse(body);
    }
    JsonNode list = records.map(e -> e.search(body)).orElse(body);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (JsonNode record : list) {
      JsonNode mapped = map.isPresent() ? map.get().search(record) : record;
      if (mapped != null && !mapped.isNull()) {
        out.add(mapped);
      }
    }
    return out;
  }
}
