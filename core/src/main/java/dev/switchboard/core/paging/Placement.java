package dev.switchboard.core.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.transport.HeaderFields;
import dev.switchboard.core.transport.Request;
import java.io.IOException;
import java.util.List;

/** Puts a value where a {@link PaginationConfig.Place} says in a request: a query parameter, a header or a body field. */
final class Placement {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Placement() {}

  /**
   * Returns the request with the value in its place, replacing what was there.
   *
   * @param request the request
   * @param place where the value goes
   * @param value the value: its text for a query parameter or header; itself, with its JSON type, in the body
   * @return the new request
   * @throws UnusableNextPageException when the place cannot carry the value (a header value with a control
   *     character), or the body is not a JSON object
   */
  static Request put(Request request, PaginationConfig.Place place, JsonNode value) {
    return switch (place.location()) {
      case QUERY -> request.withUri(QueryParameters.with(request.uri(), place.name(), value.asText()));
      case HEADER -> {
        if (HeaderFields.unsafeCharAt(value.asText()) >= 0) {
          throw new UnusableNextPageException(value.asText(), "the cursor holds a character the header " + place.name()
              + " cannot carry (a control character, or one outside Latin-1)");
        }
        yield request.withHeader(place.name(), value.asText());
      }
      case BODY -> withBodyField(request, place.name(), value);
    };
  }

  /** Sets the field a JSON pointer names in the body, creating the objects on the way. */
  private static Request withBodyField(Request request, String pointer, JsonNode value) {
    JsonNode tree;
    try {
      tree = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
    } catch (IOException e) {
      tree = null;
    }
    if (tree == null || !tree.isObject()) {
      throw new UnusableNextPageException(value.asText(), "the request body is not a JSON object, so " + pointer
          + " cannot be set in it");
    }
    List<String> tokens = List.of(pointer.substring(1).split("/"));
    ObjectNode node = (ObjectNode) tree;
    for (String token : tokens.subList(0, tokens.size() - 1)) {
      String key = PaginatorCompiler.unescape(token);
      JsonNode child = node.get(key);
      node = child instanceof ObjectNode object ? object : node.putObject(key);
    }
    node.set(PaginatorCompiler.unescape(tokens.get(tokens.size() - 1)), value);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree cannot be written", e);
    }
    Request out = new Request(request.method(), request.uri(), request.headers(), body);
    return out.header("Content-Type") == null ? out.withHeader("Content-Type", "application/json") : out;
  }
}
