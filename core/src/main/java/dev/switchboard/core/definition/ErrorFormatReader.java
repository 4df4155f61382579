package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ErrorFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code errors:} block of {@code connector.yaml} into an {@link ErrorFormat}: JMESPath expressions
 * (checked here) and the error codes of each category (a code may stand for one category only).
 */
final class ErrorFormatReader {
  private ErrorFormatReader() {}

  /**
   * Reads the block.
   *
   * @param m the connector's root mapping
   * @return the format, {@link ErrorFormat#NONE} when the block is absent
   */
  static ErrorFormat read(Mapping m) {
    return m.mapping("errors").map(e -> {
      Optional<String> code = expression(e, "code");
      Optional<String> message = expression(e, "message");
      Optional<String> causes = expression(e, "causes");
      Optional<String> requestId = expression(e, "request_id");
      Map<String, ErrorCategory> categories = new LinkedHashMap<>();
      e.mapping("categories").ifPresent(c -> {
        for (Iterator<Map.Entry<String, JsonNode>> it = c.node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          ErrorCategory category;
          try {
            category = ErrorCategory.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException x) {
            continue; // the schema names the categories and reported this one
          }
          for (JsonNode codeNode : entry.getValue()) {
            ErrorCategory earlier = categories.putIfAbsent(codeNode.asText(), category);
            if (earlier != null && earlier != category) {
              c.problem(entry.getKey(), "code '" + codeNode.asText() + "' is already in category "
                  + earlier.name().toLowerCase(Locale.ROOT) + "; a code stands for one category");
            }
          }
        }
      });
      return new ErrorFormat(code, message, causes, requestId, categories);
    }).orElse(ErrorFormat.NONE);
  }

  private static Optional<String> expression(Mapping e, String key) {
    Optional<String> text = e.text(key);
    text.ifPresent(x -> checkJmesPath(e, key, x));
    return text;
  }
}
