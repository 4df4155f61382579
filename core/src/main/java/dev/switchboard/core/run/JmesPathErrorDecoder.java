package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ErrorDecoder;
import dev.switchboard.core.error.ErrorFormat;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.output.Jmespath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@link ErrorDecoder}: a list of {@link ErrorFormat}s: the first format whose expressions find a code or a message in a
 * body reads it. The standard shapes are themselves formats ({@link #SHAPES}), so a declared format and the built-in
 * ones are read the same way.
 */
final class JmesPathErrorDecoder implements ErrorDecoder {
  /**
   * Returns the decoder of connectors that declare nothing. It knows, in this order: RFC 9457 problem details
   * ({@code type}, {@code title}, {@code detail}, and an {@code errors} list of details); an {@code error} object
   * with {@code code} and {@code message} (as Google's and Microsoft's APIs answer); an {@code error} code with
   * {@code message} or {@code error_description} (OAuth 2.0, RFC 6749 section 5.2, and many others); a
   * {@code message} with an optional {@code code} (as GitHub answers); an {@code errors} list of
   * {@code {message}} (as GraphQL answers).
   */
  static ErrorDecoder standard() {
    return STANDARD;
  }

  /**
   * Returns the decoder of a connector that declares its error format: its expressions first, then, when they find
   * nothing (an HTML page from a proxy, a token endpoint's OAuth error), the standard shapes.
   */
  static ErrorDecoder of(ErrorFormat format) {
    return format.declared() || !format.categories().isEmpty() ? new JmesPathErrorDecoder(List.of(format), format) : STANDARD;
  }

  /** The common shapes of error bodies, in the order they are tried (see {@link #standard()}). */
  static final List<ErrorFormat> SHAPES = List.of(
      shape("type != 'about:blank' && type || null", "detail || title", "errors[].[detail || message][]"),
      shape("error.code || error.type", "error.message", "error.details[].message"),
      shape("type(error) == 'string' && error || null",
          "type(error) == 'string' && (message || error_description || error_message) || null", "errors[].message"),
      shape("code", "message", "errors[].[message || code][]"),
      shape("errors[0].code", "errors[0].message", "errors[1:].message"));

  static final JmesPathErrorDecoder STANDARD = new JmesPathErrorDecoder(List.of(), ErrorFormat.NONE);

  private final List<ErrorFormat> declared;
  private final ErrorFormat categories;

  /**
   * @param declared the connector's formats, tried before the standard shapes
   * @param categories the format whose code categories apply
   */
  JmesPathErrorDecoder(List<ErrorFormat> declared, ErrorFormat categories) {
    this.declared = List.copyOf(declared);
    this.categories = categories;
  }

  @Override
  public Optional<UpstreamError> decode(JsonNode body) {
    if (body == null || !body.isObject()) {
      return Optional.empty();
    }
    List<ErrorFormat> formats = new ArrayList<>(declared);
    formats.addAll(SHAPES);
    for (ErrorFormat format : formats) {
      Optional<String> code = format.code().flatMap(e -> text(body, e));
      Optional<String> message = format.message().flatMap(e -> text(body, e));
      if (code.isEmpty() && message.isEmpty()) {
        continue;
      }
      List<String> causes = format.causes().map(e -> texts(body, e)).orElse(List.of());
      Optional<String> requestId = format.requestId().flatMap(e -> text(body, e));
      Map<String, ErrorCategory> byCode = categories.categories();
      return Optional.of(new UpstreamError(code, message, causes, requestId, code.map(byCode::get)));
    }
    return Optional.empty();
  }

  private static ErrorFormat shape(String code, String message, String causes) {
    return new ErrorFormat(Optional.of(code), Optional.of(message), Optional.of(causes), Optional.empty(), Map.of());
  }

  /** The expression's value as text when it is a non-empty string, number or boolean. */
  private static Optional<String> text(JsonNode body, String expression) {
    JsonNode value = search(body, expression);
    if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
      return Optional.empty();
    }
    String text = value.asText().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** The expression's value as a list of texts (a single text becomes one). */
  private static List<String> texts(JsonNode body, String expression) {
    JsonNode value = search(body, expression);
    List<String> out = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(v -> {
        if (v.isTextual() || v.isNumber()) {
          out.add(v.asText().strip());
        }
      });
    } else if (value != null && (value.isTextual() || value.isNumber())) {
      out.add(value.asText().strip());
    }
    out.removeIf(String::isEmpty);
    return out;
  }

  private static JsonNode search(JsonNode body, String expression) {
    try {
      return Jmespath.search(expression, body);
    } catch (RuntimeException e) {
      return null; // a body too odd for an expression says nothing this shape knows
    }
  }
}
