package dev.switchboard.importer;

import java.util.Locale;
import java.util.Set;

/**
 * Names in the definition format's rule (lower-case letters, digits and {@code _}, starting with a letter, at most
 * 64 characters) made from the names an input uses: {@code sendEmail} is {@code send_email}, {@code X-Api-Key} is
 * {@code x_api_key}, {@code chat.postMessage} is {@code chat_post_message}, {@code OWNER} is {@code owner}.
 */
public final class Naming {
  /** The longest name the definition format allows. */
  public static final int MAX = 64;

  private Naming() {}

  /**
   * Turns any text into a name.
   *
   * @param text a parameter, field, header or operation name
   * @param fallback the name to use when nothing usable is left (such as {@code value})
   * @return a valid name
   */
  public static String snake(String text, String fallback) {
    text = text.replace("OAuth", "Oauth");
    StringBuilder out = new StringBuilder();
    char prev = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isUpperCase(c) && c < 128) {
        boolean nextLower = i + 1 < text.length() && Character.isLowerCase(text.charAt(i + 1));
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_' && (Character.isLowerCase(prev) || Character.isDigit(prev)
            || (Character.isUpperCase(prev) && nextLower))) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else if (c < 128 && Character.isLetterOrDigit(c)) {
        out.append(c);
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      prev = c;
    }
    String name = out.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
    if (name.isEmpty()) {
      return fallback;
    }
    if (!Character.isLetter(name.charAt(0))) {
      name = fallback.charAt(0) + "_" + name;
    }
    return truncate(name);
  }

  /** Cuts a name to {@link #MAX} characters, at an underscore when one is near the end. */
  public static String truncate(String name) {
    if (name.length() <= MAX) {
      return name;
    }
    String cut = name.substring(0, MAX);
    int underscore = cut.lastIndexOf('_');
    return underscore > MAX - 12 ? cut.substring(0, underscore) : cut;
  }

  /**
   * Returns {@code name}, or {@code name_2}, {@code name_3}... whichever is not taken yet, and adds it to taken.
   *
   * @param name a valid name
   * @param taken names already used (updated)
   * @return a name not used before
   */
  public static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int n = 2; taken.contains(candidate); n++) {
      String suffix = "_" + n;
      candidate = truncate(name.length() + suffix.length() > MAX ? name.substring(0, MAX - suffix.length()) : name) + suffix;
    }
    taken.add(candidate);
    return candidate;
  }

  /** Makes an English plural singular, well enough for resource names: users, policies, addresses, statuses. */
  public static String singular(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.endsWith("ies") && w.length() > 4) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (w.endsWith("sses") || w.endsWith("uses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")
        || w.endsWith("zzes")) {
      return word.substring(0, word.length() - 2);
    }
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is") && w.length() > 2) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  /** Turns a name into a title: {@code list_users} is {@code List users}. */
  public static String title(String name) {
    String spaced = name.replace('_', ' ');
    return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /** Turns a name into an environment variable name: {@code okta_api_token} is {@code OKTA_API_TOKEN}. */
  public static String env(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}
