package dev.switchboard.importer;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a placeholder that documentation puts where a value belongs ({@code YOUR_API_KEY_HERE},
 * {@code ${api_token}}, {@code <YOUR-TOKEN>}, {@code {yourOktaDomain}}, {@code <<YOUR_SECRET_KEY>>},
 * {@code $TOKEN}, {@code {{apikey}}}) from a real value. A placeholder is never stored as a secret and never
 * used as an example; it is reported so the user fills it in.
 */
public final class Placeholders {
  /** Wrapped placeholders: {x}, {{x}}, <x>, <<x>>, [x], ${x}, $x, %x%, :x (a path parameter). */
  private static final Pattern WRAPPED = Pattern.compile(
      "\\{\\{\\s*([^{}]+?)\\s*}}|\\$\\{([^{}]+)}|\\{([^{}]+)}|<<([^<>]+)>>|<([^<>]+)>|\\[([A-Za-z_][\\w .-]*)]"
          + "|%([A-Za-z_]\\w*)%|\\$(?:env:)?([A-Za-z_]\\w*)|\\$\\(([^)]*)\\)");
  private static final Pattern WORDS = Pattern.compile(
      "(?i).*(\\byour|^your|_your|-your|your_|your-|^my_|^my-|here$|_here|-here|example|placeholder|changeme|replace[_-]?me|"
          + "insert|redacted|^x{3,}$|\\*{3,}|\\.\\.\\.|…).*");
  private static final Pattern CAPS = Pattern.compile("[A-Z][A-Z_-]*[A-Z]");

  private Placeholders() {}

  /**
   * Tells whether a value is (or holds) a placeholder rather than a real value.
   *
   * @param value the value as the input gave it
   * @param variables shell variables the value referred to (a value built from a variable is a placeholder)
   * @return true for a placeholder
   */
  public static boolean isPlaceholder(String value, Collection<String> variables) {
    if (!variables.isEmpty()) {
      return true;
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return true;
    }
    Matcher m = WRAPPED.matcher(v);
    if (m.find()) {
      return true;
    }
    return WORDS.matcher(v).matches() || CAPS.matcher(v).matches() && v.length() >= 3;
  }

  /**
   * Tells whether a value is written as a placeholder: built from a shell variable, wrapped ({@code {x}},
   * {@code <x>}, {@code ${x}}...) or all capitals ({@code OWNER}). Unlike {@link #isPlaceholder}, words such as
   * "example" do not count, so {@code ada@example.com} stays a usable example.
   *
   * @param value the value
   * @param variables shell variables the value referred to
   * @return true when it is written as a placeholder
   */
  public static boolean isWrapped(String value, Collection<String> variables) {
    String v = value.strip();
    return !variables.isEmpty() || v.isEmpty() || WRAPPED.matcher(v).find() || CAPS.matcher(v).matches() && v.length() >= 3;
  }

  /**
   * Returns the name inside a wrapped placeholder that is the whole value ({@code {issueIdOrKey}} gives
   * {@code issueIdOrKey}, {@code ${yourOktaDomain}} gives {@code yourOktaDomain}, {@code OWNER} gives
   * {@code OWNER}), for naming the input or setting that takes its place.
   *
   * @param value a value
   * @return the name, or empty when the value is not a single placeholder
   */
  public static Optional<String> name(String value) {
    String v = value.strip();
    Matcher m = WRAPPED.matcher(v);
    if (m.matches()) {
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          return Optional.of(m.group(g).strip());
        }
      }
    }
    if (v.startsWith(":") && v.length() > 1 && v.substring(1).matches("[A-Za-z_]\\w*")) {
      return Optional.of(v.substring(1));
    }
    if (CAPS.matcher(v).matches() && v.length() >= 3) {
      return Optional.of(v);
    }
    return Optional.empty();
  }

  /** Lower-cases for comparisons. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
