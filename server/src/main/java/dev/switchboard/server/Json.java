package dev.switchboard.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.Names;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reading request bodies and writing JSON answers; every bad body is an {@link ApiProblem} naming the field. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Reads request bodies strictly: a field given twice, or text after the JSON value, is an error, not ignored. */
  private static final ObjectReader BODY_READER = MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /** Reads the body as a JSON object. */
  /**
   * Reads a request's JSON object body, refusing fields the route does not read (a misspelt {@code "setings"} would
   * otherwise be dropped without a word).
   *
   * @param ctx the request
   * @param fields the fields the route reads
   * @return the body
   * @throws ApiProblem 400 naming the field when the body is empty, not JSON, not an object, or has a field not listed
   */
  static ObjectNode body(Context ctx, String... fields) {
    ObjectNode body = body(ctx);
    List<String> known = List.of(fields);
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ApiProblem.badRequest(name, "the body has no field '" + name + "'"
            + Names.closest(name, known).map(c -> "; did you mean '" + c + "'?").orElse("")
            + " (this request reads " + String.join(", ", known) + ")");
      }
    }
    return body;
  }

  static ObjectNode body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiProblem.badRequest("body", "the request needs a JSON object body");
    }
    JsonNode node;
    try {
      node = BODY_READER.readTree(bytes);
    } catch (StreamConstraintsException e) {
      String what = String.valueOf(e.getOriginalMessage()).contains("nesting depth")
          ? "nests arrays and objects deeper than the server reads (" + BODY_READER.getFactory().streamReadConstraints()
              .getMaxNestingDepth() + " levels); send a flatter body"
          : "holds a number, string or name longer than the server reads; send shorter values";
      throw ApiProblem.badRequest("body", "the body " + what);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiProblem.badRequest("body", "the body is not valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (java.io.IOException e) {
      throw ApiProblem.badRequest("body", "the body cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.badRequest("body", "the body must be a JSON object, such as {\"yaml\": \"...\"}");
    }
    return (ObjectNode) node;
  }

  static String text(ObjectNode body, String field) {
    return optionalText(body, field).orElseThrow(() -> ApiProblem.badRequest(field, "the body needs '" + field + "', a string"));
  }

  static Optional<String> optionalText(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw ApiProblem.badRequest(field, "'" + field + "' must be a string; got " + kind(v));
    }
    return Optional.of(v.asText());
  }

  static int integer(ObjectNode body, String field) {
    return optionalInteger(body, field).orElseThrow(() -> ApiProblem.badRequest(field, "the body needs '" + field
        + "', an integer" + (field.equals("base_version") ? " (the version your edit started from; 0 to create)" : "")));
  }

  static OptionalInt optionalInteger(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return OptionalInt.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw ApiProblem.badRequest(field, "'" + field + "' must be a whole number from 0; got " + v);
    }
    return OptionalInt.of(v.asInt());
  }

  static boolean bool(ObjectNode body, String field, boolean otherwise) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw ApiProblem.badRequest(field, "'" + field + "' must be true or false; got " + v);
    }
    return v.asBoolean();
  }

  static List<String> strings(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw ApiProblem.badRequest(field, "'" + field + "' must be an array of strings");
    }
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw ApiProblem.badRequest(field, "'" + field + "' must be an array of strings; it holds " + kind(item));
      }
      out.add(item.asText());
    }
    return out;
  }

  static ObjectNode object(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return MAPPER.createObjectNode();
    }
    if (!v.isObject()) {
      throw ApiProblem.badRequest(field, "'" + field + "' must be a JSON object; got " + kind(v));
    }
    return (ObjectNode) v;
  }

  /**
   * Checks the query string of a request that reads query parameters: each one is among those it reads, and given once.
   *
   * @param ctx the request
   * @param known the parameters the request reads
   * @throws ApiProblem 400 naming a parameter not read (with the nearest one read) or given more than once
   */
  static void query(Context ctx, String... known) {
    List<String> read = List.of(known);
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      String name = p.getKey();
      String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
      if (!read.contains(name)) {
        throw ApiProblem.badRequest(shown, "there is no query parameter '" + shown + "'"
            + Names.closest(name, read).map(c -> "; did you mean '" + c + "'?").orElse("")
            + " (this request reads " + String.join(", ", read) + ")");
      }
      if (p.getValue().size() > 1) {
        throw ApiProblem.badRequest(name, "query parameter '" + name + "' is given " + p.getValue().size() + " times; give it once");
      }
    }
  }

  /** Reads an integer query parameter. */
  static OptionalInt queryInt(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return OptionalInt.of(n);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest(name, "query parameter '" + name + "' must be a whole number such as 50; got '"
          + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
    }
  }

  static void write(Context ctx, int status, JsonNode node) {
    ctx.status(status);
    ctx.contentType("application/json");
    try {
      ctx.result(MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void write(Context ctx, JsonNode node) {
    write(ctx, 200, node);
  }

  private static String kind(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
