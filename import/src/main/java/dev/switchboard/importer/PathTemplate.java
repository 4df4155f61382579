package dev.switchboard.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the path of an example URL into a path template with inputs: a placeholder segment ({@code {issueIdOrKey}},
 * {@code :id}, {@code <id>}, {@code OWNER}) becomes a required input of that name, and a segment that looks like an
 * id (digits, a UUID, an email address, a Jira key such as {@code PROJ-123}, or a token of eight or more letters and
 * digits such as {@code 00ub0oNGTSWTBKOLGLNR} or {@code cus_NffrFeUfNV2Hib}) becomes a required input named after
 * the collection before it ({@code user_id} after {@code users}), with the segment as its example. Every such
 * choice is reported as a guess.
 */
final class PathTemplate {
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EMAIL = Pattern.compile("[^@/\\s]+@[^@/\\s]+\\.[A-Za-z]{2,}");
  private static final Pattern JIRA_KEY = Pattern.compile("[A-Z][A-Z0-9_]+-\\d+");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,}");
  private static final Pattern VERSION = Pattern.compile("(?i)v\\d+([._]\\d+)*([a-z]+\\d*)?|\\d{4}-\\d{2}-\\d{2}");
  private static final Set<String> VERSION_PARENTS = Set.of("api", "rest", "v", "version", "");
  private static final Set<String> NOT_PLACEHOLDERS = Set.of("API", "REST", "JSON", "XML", "HTML", "HTTP", "SOAP", "SCIM", "OAUTH");

  /**
   * One segment as it will be written.
   *
   * @param literal the segment as written in the URL (percent-encoded), when it stays literal
   * @param input the input that takes its place, when it does not
   */
  record Segment(Optional<String> literal, Optional<String> input) {}

  private PathTemplate() {}

  /**
   * Builds the path template and adds the inputs it needs.
   *
   * @param url the parsed URL
   * @param action the action to add inputs to
   * @param findings where to report the guesses
   * @return the segments, literal or templated
   */
  static List<Segment> build(UrlParts url, ActionDraft action, List<Finding> findings) {
    List<Segment> out = new ArrayList<>();
    String previous = "";
    for (String raw : url.segments()) {
      String decoded = UrlParts.decode(raw.replace("+", "%2B"));
      if (decoded.equals(".") || decoded.equals("..")) {
        throw new ImportException("the path segment '" + raw + "' (in " + url.origin() + "/" + String.join("/", url.segments())
            + ") is '.' or '..'; give the resource's path exactly");
      }
      Optional<String> placeholder = Placeholders.name(decoded).filter(n -> !NOT_PLACEHOLDERS.contains(n.toUpperCase(Locale.ROOT))
          || !n.equals(n.toUpperCase(Locale.ROOT)));
      if (placeholder.isPresent() || decoded.contains("{") || decoded.contains("}") || decoded.contains("$")) {
        String base = Naming.snake(placeholder.orElse(previous.isEmpty() ? "id" : Naming.singular(previous) + "_id"), "id");
        String name = Naming.unique(base, new java.util.HashSet<>(action.inputNames()));
        Inputs.add(action, name, "string", true, Optional.empty(), "");
        findings.add(Finding.guessed("input " + name, "the path segment '" + decoded + "' is a placeholder: it became the"
            + " required input " + name));
        out.add(new Segment(Optional.empty(), Optional.of(name)));
        previous = "";
        continue;
      }
      if (idLike(decoded) && !(decoded.matches("\\d{1,2}") && VERSION_PARENTS.contains(previous.toLowerCase(Locale.ROOT)))) {
        String base = previous.isEmpty() ? "id" : Naming.snake(Naming.singular(previous), "id") + "_id";
        String name = Naming.unique(base, new java.util.HashSet<>(action.inputNames()));
        Inputs.add(action, name, "string", true, Optional.of(decoded), "");
        findings.add(Finding.guessed("input " + name, "the path segment '" + decoded + "' looks like an id: it became the"
            + " required input " + name + " (with it as the example); if it is a fixed part of the path, put it back"));
        out.add(new Segment(Optional.empty(), Optional.of(name)));
        previous = "";
        continue;
      }
      out.add(new Segment(Optional.of(raw), Optional.empty()));
      previous = decoded;
    }
    return out;
  }

  /** Writes the segments as a path template, starting with {@code /}. */
  static String text(List<Segment> segments, boolean trailingSlash) {
    StringBuilder out = new StringBuilder();
    for (Segment s : segments) {
      out.append('/').append(s.literal().orElseGet(() -> "{{" + s.input().orElseThrow() + "}}"));
    }
    if (out.length() == 0) {
      return "/";
    }
    return trailingSlash ? out.append('/').toString() : out.toString();
  }

  /** Tells whether a decoded path segment looks like an id rather than a fixed name. */
  static boolean idLike(String segment) {
    if (segment.matches("\\d+") || UUID.matcher(segment).matches() || EMAIL.matcher(segment).matches()
        || JIRA_KEY.matcher(segment).matches()) {
      return true;
    }
    if (VERSION.matcher(segment).matches() || !TOKEN.matcher(segment).matches()) {
      return false;
    }
    boolean digit = segment.chars().anyMatch(Character::isDigit);
    boolean letter = segment.chars().anyMatch(Character::isLetter);
    return digit && letter;
  }
}
