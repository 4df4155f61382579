package dev.switchboard.mcp.tool;

import dev.switchboard.core.definition.Annotations;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tools a server offers: tool names matching any of the globs (all when there are none), and with
 * {@code readOnly} only actions annotated {@code read_only}. A glob matches a whole tool name; {@code *} stands
 * for any run of characters and {@code ?} for one, as in {@code okta_list_*}.
 *
 * @param globs the globs, any of which a tool's name must match; empty for all tools
 * @param readOnly true to offer only read-only tools
 */
public record ToolSelection(List<String> globs, boolean readOnly) {
  /** Every tool. */
  public static final ToolSelection ALL = new ToolSelection(List.of(), false);
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_.*?-]{1,128}");

  /**
   * Checks the globs.
   *
   * @param globs the globs; empty for all tools
   * @param readOnly true to offer only read-only tools
   * @throws IllegalArgumentException naming a glob that holds characters no tool name has
   */
  public ToolSelection {
    globs = List.copyOf(globs);
    for (String glob : globs) {
      if (!GLOB.matcher(glob).matches()) {
        throw new IllegalArgumentException("--tools '" + glob + "' is not a tool name pattern: use letters, digits,"
            + " '_', '-', '.', and '*' or '?' as wildcards, such as okta_list_*");
      }
    }
  }

  /**
   * Tells whether a glob matches a whole tool name.
   *
   * @param glob the glob
   * @param name the tool name
   * @return true on a match
   */
  public static boolean matches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return name.matches(regex.toString());
  }

  /**
   * Tells whether a tool is selected.
   *
   * @param name the tool's name
   * @param annotations its action's annotations
   * @return true when the server offers it
   */
  public boolean selects(String name, Annotations annotations) {
    if (readOnly && !annotations.readOnly()) {
      return false;
    }
    return globs.isEmpty() || globs.stream().anyMatch(g -> matches(g, name));
  }
}
