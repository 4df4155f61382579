package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.output.Jmespath;
import dev.switchboard.core.template.Template;
import dev.switchboard.core.template.TemplateException;
import dev.switchboard.core.transport.HeaderFields;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that fields of several kinds share: names, header names and values, JMESPath expressions, Mustache
 * templates and the names they use, bounded whole numbers. Each adds a {@link Problem} to the mapping it reads.
 */
final class FieldChecks {
  private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\{\\{\\s*[#^/]?\\s*config\\.([A-Za-z0-9_]+)");

  private FieldChecks() {}

  /** Adds a problem when {@code name} breaks the name rule ({@link DefinitionLoader#NAME}). */
  static void checkName(Mapping m, String key, String name) {
    if (name != null && !DefinitionLoader.NAME.matcher(name).matches()) {
      m.problem(key, "'" + name + "' is not a valid name; use lower-case letters, digits and '_', starting with a letter (such as list_users)");
    }
  }

  /**
   * Checks a declared header: a token name, not one the HTTP client sets, and a value of one Latin-1 line.
   *
   * @param value the value, or null when only the name is checked
   * @return whether it passed
   */
  static boolean checkHeader(Mapping m, String field, String name, String value) {
    if (!HeaderFields.validName(name)) {
      m.problem(field, "'" + printable(name) + "' is not a valid header name (RFC 9110 token characters only)");
      return false;
    }
    if (HeaderFields.restricted(name)) {
      m.problem(field, "'" + name + "' is set by the HTTP client itself and cannot be declared");
      return false;
    }
    if (value != null && !headerSafe(value)) {
      m.problem(field, "the value holds a control character or a character outside Latin-1 (CR, LF...); header values are one line of text");
      return false;
    }
    return true;
  }

  /** Tells whether text can be a header value: Latin-1 without control characters. */
  static boolean headerSafe(String text) {
    return HeaderFields.unsafeCharAt(text) < 0;
  }

  /** Returns text with control and format characters written as {@code \\uXXXX}, for messages. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** Adds a problem when {@code expression} is not valid JMESPath. */
  static void checkJmesPath(Mapping m, String key, String expression) {
    try {
      Jmespath.compile(expression);
    } catch (RuntimeException e) {
      m.problem(key, "not a valid JMESPath expression: " + e.getMessage());
    }
  }

  /**
   * Parses a template field and checks the names it uses.
   *
   * @param m the mapping holding the field
   * @param key the field, for problems
   * @param text the template text, or null (then null is returned without a problem)
   * @param scope the names the template may use; {@code config} allows {@code config.*}
   * @param configNames the connector's declared settings, which {@code config.*} must name
   * @return the template, or null after adding a problem
   */
  static Template template(Mapping m, String key, String text, Set<String> scope, Set<String> configNames) {
    if (text == null) {
      return null;
    }
    Template template;
    try {
      template = Template.parse(text);
    } catch (TemplateException e) {
      m.problem(key, "bad template: " + e.getMessage());
      return null;
    }
    if (template.hasUnescapedTags()) {
      m.problem(key, "unescaped tags ({{{x}}} or {{&x}}) are not allowed: every value is encoded for where it lands; write {{x}}");
      return null;
    }
    boolean ok = true;
    for (String name : template.names()) {
      if (!scope.contains(name)) {
        String hint = Mapping.closest(name, scope).map(c -> " Did you mean {{" + c + "}}?").orElse("");
        m.problem(key, "{{" + name + "}} names nothing; known here: "
            + (scope.isEmpty() ? "(none)" : String.join(", ", scope.stream().map(s -> s.equals("config") ? "config.*" : s).toList())) + "." + hint);
        ok = false;
      }
    }
    if (scope.contains("config")) {
      for (String configName : configReferences(text)) {
        if (!configNames.contains(configName)) {
          m.problem(key, "{{config." + configName + "}} is not declared under the connector's config:"
              + (configNames.isEmpty() ? " (it declares none)" : "; declared: " + String.join(", ", configNames)));
          ok = false;
        }
      }
    }
    return ok ? template : null;
  }

  private static Set<String> configReferences(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher matcher = CONFIG_REFERENCE.matcher(text);
    while (matcher.find()) {
      out.add(matcher.group(1));
    }
    return out;
  }

  /**
   * Reads an optional whole number from 1 to {@code max}.
   *
   * @return the value, or {@code fallback} when absent or (after adding a problem) out of range
   */
  static long positive(Mapping m, String key, long fallback, long max) {
    JsonNode value = m.raw(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
      m.problem(key, "must be a whole number from 1 to " + max + ", not " + value);
      return fallback;
    }
    return value.asLong();
  }
}
