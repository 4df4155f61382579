package dev.switchboard.importer;

import java.util.regex.Pattern;

/**
 * Makes the Markdown and HTML of an OpenAPI document's summaries and descriptions into short plain text for
 * definitions: tags dropped, links reduced to their text, emphasis and note markers removed, whitespace collapsed, and
 * long text cut at a sentence end.
 */
public final class Texts {
  private static final Pattern TAG = Pattern.compile("<[^>]{1,200}>");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|(?<![\\w*])\\*(?=\\S)|(?<=\\S)\\*(?![\\w*])");

  private Texts() {}

  /**
   * Cleans a description.
   *
   * @param text Markdown, possibly with HTML; may be null
   * @param max the most characters to keep (cut after the last sentence that fits, or at a word)
   * @return plain text on one line, possibly empty
   */
  public static String plain(String text, int max) {
    if (text == null) {
      return "";
    }
    String t = TAG.matcher(text).replaceAll(" ");
    t = LINK.matcher(t).replaceAll("$1");
    t = EMPHASIS.matcher(t).replaceAll("");
    t = t.replaceAll("(?m)^\\s*>\\s?", " ").replaceAll("(?m)^\\s*[-*]\\s+", " ").replaceAll("(?m)^#+\\s*", " ");
    t = t.replaceAll("\\s+", " ").strip();
    if (t.length() <= max) {
      return t;
    }
    String cut = t.substring(0, max);
    int sentence = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\u00a0"));
    if (sentence > max / 2) {
      return cut.substring(0, sentence + 1);
    }
    int space = cut.lastIndexOf(' ');
    return (space > max / 2 ? cut.substring(0, space) : cut) + "…";
  }

  /** Returns the first paragraph of a description (up to the first blank line), or all of it. */
  public static String firstParagraph(String text) {
    if (text == null) {
      return "";
    }
    String[] parts = text.strip().split("\\r?\\n\\s*\\r?\\n|(?i)<br\\s*/?>|\\r?\\n(?=\\s*(>|[-*] |#|\\|))", 2);
    return parts[0];
  }

  /** Joins a summary and a description into a sentence or two, without repeating the summary. */
  public static String describe(String summary, String description, int max) {
    String s = plain(summary, 200);
    String d = plain(firstParagraph(description), max);
    if (s.isEmpty()) {
      return d;
    }
    if (d.isEmpty() || d.toLowerCase(java.util.Locale.ROOT).startsWith(s.toLowerCase(java.util.Locale.ROOT))) {
      return d.isEmpty() ? end(s) : d;
    }
    return plain(end(s) + " " + d, max);
  }

  private static String end(String s) {
    return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
  }
}
