package dev.switchboard.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a host tells about the API behind it: the connector's name ({@code api.github.com} is {@code github},
 * {@code subdomain.okta.com} is {@code okta}) and whether it is an Okta org, whose API tokens are sent as
 * {@code SSWS <token>} and whose built-in sandbox can stand in for it.
 */
public final class Hosts {
  private static final Pattern OKTA = Pattern.compile(".*\\.(okta|oktapreview|okta-emea|okta-gov|okta-mil|trexcloud)\\.com");
  private static final Set<String> PREFIXES = Set.of("api", "www", "app", "rest", "gateway", "apis", "developer", "hooks");
  private static final Set<String> PLACEHOLDER_WORDS = Set.of("your", "my", "domain", "url", "base", "host", "org", "instance",
      "site", "subdomain", "server", "tenant", "company", "name", "baseurl", "hostname", "example");

  private Hosts() {}

  /**
   * Tells whether a host (or a placeholder for one) is an Okta org.
   *
   * @param host the host as written, such as {@code dev-123456.okta.com} or {@code ${yourOktaDomain}}
   * @return true for an Okta org
   */
  public static boolean okta(String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    return OKTA.matcher(h).matches() || (h.contains("{") || h.contains("$") || h.contains("<")) && h.contains("okta");
  }

  /**
   * Derives a connector's name from a host.
   *
   * @param host the host as written
   * @param reserved names to avoid
   * @param findings where to report the choice
   * @return a valid name
   */
  public static String connectorName(String host, Set<String> reserved, List<Finding> findings) {
    String h = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    String name;
    if (Placeholders.isWrapped(host, List.of()) || h.contains("{") || h.contains("$")) {
      List<String> words = new ArrayList<>(Arrays.asList(Naming.snake(Placeholders.name(host).orElse(h), "api").split("_")));
      words.removeIf(PLACEHOLDER_WORDS::contains);
      name = words.isEmpty() ? "api" : String.join("_", words);
    } else if (h.matches("[0-9.]+|\\[.*]|localhost")) {
      name = "local_api";
    } else {
      List<String> labels = new ArrayList<>(Arrays.asList(h.split("\\.")));
      if (labels.size() > 1) {
        labels.remove(labels.size() - 1);
        if (labels.size() > 1 && Set.of("co", "com", "org", "net", "gov", "ac", "edu").contains(labels.get(labels.size() - 1))) {
          labels.remove(labels.size() - 1);
        }
      }
      if (labels.size() > 1 && Set.of("example", "test", "invalid", "localhost").contains(labels.get(labels.size() - 1))) {
        labels.remove(labels.size() - 1); // documentation hosts (RFC 2606): api.tix.example.com is tix
      }
      name = Naming.snake(labels.get(labels.size() - 1), "api");
      if (PREFIXES.contains(name) || PLACEHOLDER_WORDS.contains(name)) {
        name = "api";
      }
    }
    name = Naming.snake(name, "api");
    if (reserved.contains(name)) {
      String other = name + "_imported";
      findings.add(Finding.guessed("connector " + other, "'" + name + "' is a built-in connector, which a connector of the"
          + " same name would replace, so this one is named " + other + "; choose another name").onCommandLine("with --connector"));
      return other;
    }
    findings.add(Finding.guessed("connector " + name, "named after the host " + host + "; choose another name").onCommandLine("with --connector"));
    return name;
  }
}
