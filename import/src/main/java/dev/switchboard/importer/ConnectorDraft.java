package dev.switchboard.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connector about to be written: everything {@code connector.yaml} will hold.
 *
 * @param name the connector's name
 * @param title its title
 * @param description what it is, for people and models
 * @param comments lines for the comment at the top (where it came from)
 * @param baseUrl the base URL template, such as {@code {{config.base_url}}}
 * @param settings its settings (the base URL's first)
 * @param auth its auth config
 * @param headers default headers for every action (constant values)
 * @param sandbox the built-in sandbox that stands in when nothing is configured, if any
 */
public record ConnectorDraft(String name, String title, String description, List<String> comments, String baseUrl,
    List<Setting> settings, AuthDraft auth, Map<String, String> headers, Optional<String> sandbox) {

  /** Renders {@code connector.yaml}. */
  public String yaml() {
    return YamlText.document(comments, tree(), path -> false);
  }

  /** Returns the tree {@code connector.yaml} is written from. */
  public ObjectNode tree() {
    ObjectNode root = YamlText.object();
    root.put("name", name);
    root.put("title", title);
    root.put("description", description);
    root.put("base_url", baseUrl);
    if (!settings.isEmpty()) {
      ObjectNode config = root.putObject("config");
      for (Setting s : settings) {
        ObjectNode v = config.putObject(s.name());
        v.put("description", s.description());
        v.put("env", s.env());
        if (!s.example().isEmpty()) {
          v.put("example", s.example());
        }
      }
    }
    auth.write(root.putObject("auth"));
    if (!headers.isEmpty()) {
      ObjectNode h = root.putObject("headers");
      headers.forEach(h::put);
    }
    sandbox.ifPresent(s -> root.put("sandbox", s));
    return root;
  }
}
