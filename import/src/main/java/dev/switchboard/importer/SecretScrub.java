package dev.switchboard.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps secret values out of generated YAML. Examples (of inputs and settings) that hold a secret's value, such as
 * a Basic user name equal to its password, are left out and reported; then the written text is checked, and a
 * definition that still holds a secret's value (plain or base64) is refused. As the engine's redactor does, values
 * shorter than 4 characters are not looked for.
 */
final class SecretScrub {
  /** Secrets shorter than this are not looked for (they would match ordinary text). */
  static final int MIN_LENGTH = 4;

  private SecretScrub() {}

  /**
   * Removes examples that hold a secret's value.
   *
   * @param tree a definition tree
   * @param secrets the secrets
   * @param subject what the tree is, for the report
   * @param findings where to report what was removed
   */
  static void examples(ObjectNode tree, List<Secret> secrets, String subject, List<Finding> findings) {
    walk(tree, secrets, subject, findings, "");
  }

  private static void walk(JsonNode node, List<Secret> secrets, String subject, List<Finding> findings, String path) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      boolean example = e.getKey().equals("examples") || e.getKey().equals("example") || e.getKey().equals("default");
      if (example && holds(e.getValue(), secrets)) {
        it.remove();
        findings.add(Finding.ignored(subject, "the example at " + path + " was left out: it holds the value of a secret"));
      } else {
        walk(e.getValue(), secrets, subject, findings, p);
      }
    }
  }

  private static boolean holds(JsonNode value, List<Secret> secrets) {
    String text = value instanceof ArrayNode || value instanceof ObjectNode ? value.toString() : value.asText();
    return secrets.stream().anyMatch(s -> s.value().length() >= MIN_LENGTH && (text.contains(s.value()) || text.contains(base64(s))));
  }

  /**
   * Refuses definitions that still hold a secret's value.
   *
   * @param connector the connector's YAML
   * @param actions the actions' YAML
   * @param secrets the secrets
   * @throws IllegalStateException naming the secret (never its value) when one is found: a bug in an importer
   */
  static void check(String connector, Collection<String> actions, List<Secret> secrets) {
    for (Secret s : secrets) {
      if (s.value().length() < MIN_LENGTH) {
        continue;
      }
      String b64 = base64(s);
      boolean leaked = connector.contains(s.value()) || connector.contains(b64)
          || actions.stream().anyMatch(t -> t.contains(s.value()) || t.contains(b64));
      if (leaked) {
        throw new IllegalStateException("an imported definition holds the value of secret " + s.name() + "; refusing to write it");
      }
    }
  }

  private static String base64(Secret s) {
    return Base64.getEncoder().encodeToString(s.value().getBytes(StandardCharsets.UTF_8));
  }
}
