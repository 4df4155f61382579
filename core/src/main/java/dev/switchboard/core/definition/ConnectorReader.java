package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkHeader;
import static dev.switchboard.core.definition.FieldChecks.checkName;
import static dev.switchboard.core.definition.FieldChecks.printable;
import static dev.switchboard.core.definition.FieldChecks.template;

import dev.switchboard.core.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link ConnectorSource} into a {@link ConnectorDefinition}: the fields of {@code connector.yaml}
 * (name, settings, base URL, auth, headers, transport, sandbox), each action, and the cross-checks between a
 * connector's actions.
 */
final class ConnectorReader {
  private ConnectorReader() {}

  /**
   * Reads one connector.
   *
   * @param source its texts
   * @param problems where every problem is added (each names its source, line and field)
   * @return the connector, or empty when it or any of its actions has problems
   */
  static Optional<ConnectorDefinition> read(ConnectorSource source, List<Problem> problems) {
    int before = problems.size();
    SourceText connectorText = source.connector();
    YamlFile yaml = YamlFile.parse(connectorText, problems);
    if (yaml == null) {
      return Optional.empty();
    }
    Mapping m = Mapping.root(yaml, problems);
    if (m == null) {
      return Optional.empty();
    }
    m.allowOnly("name", "title", "description", "base_url", "config", "auth", "headers", "sandbox", "rate_limit", "retry",
        "timeouts", "max_response_bytes", "allowed_hosts");
    String name = m.requiredText("name", "okta");
    checkName(m, "name", name);
    String title = m.text("title").orElse(name);
    String description = m.text("description").orElse("");
    Map<String, ConfigVariable> config = config(m);
    Set<String> configNames = config.keySet();
    Template baseUrl = template(m, "base_url", m.requiredText("base_url", "\"https://{{config.host}}\""), Set.of("config"), configNames);
    if (baseUrl != null && baseUrl.isConstant()) {
      String problem = BaseUrl.problem(baseUrl.source());
      if (problem != null) {
        m.problem("base_url", problem);
      }
    }
    AuthConfig auth = m.mapping("auth").map(a -> AuthReader.read(a, configNames)).orElseGet(() -> {
      m.problem(null, "missing required field 'auth' (for no credentials, write auth: {type: none})");
      return null;
    });
    Map<String, Template> headers = new LinkedHashMap<>();
    m.textMap("headers").forEach((k, v) -> {
      if (checkHeader(m, "headers." + k, k, v)) {
        Template t = template(m, "headers." + k, v, Set.of("config"), configNames);
        if (t != null) {
          headers.put(k, t);
        }
      }
    });
    Optional<String> sandbox = m.text("sandbox");
    sandbox.filter(sb -> !sb.equals("okta")).ifPresent(sb -> m.problem("sandbox", "unknown sandbox '" + sb + "'; the built-in one is okta"));
    TransportSettings transport = TransportReader.read(m);

    List<ActionDefinition> actions = new ArrayList<>();
    for (SourceText action : source.actions()) {
      ActionReader.read(action, configNames, problems).ifPresent(actions::add);
    }
    Map<String, String> seen = new LinkedHashMap<>();
    for (ActionDefinition a : actions) {
      String earlier = seen.putIfAbsent(a.name(), a.file());
      if (earlier != null) {
        problems.add(new Problem(a.file(), 0, "name", "action '" + a.name() + "' is already defined by " + earlier));
      }
    }
    StepReader.checkTargets(name, actions, problems);
    if (problems.size() > before || name == null || auth == null || baseUrl == null) {
      return Optional.empty();
    }
    actions.sort(Comparator.comparing(ActionDefinition::name));
    return Optional.of(new ConnectorDefinition(name, title, description, baseUrl, Map.copyOf(config), auth,
        Collections.unmodifiableMap(headers), transport, sandbox, List.copyOf(actions), connectorText.name()));
  }

  /** Reads {@code config:}, the connector's settings. */
  private static Map<String, ConfigVariable> config(Mapping m) {
    Map<String, ConfigVariable> config = new LinkedHashMap<>();
    m.mapping("config").ifPresent(c -> {
      for (Iterator<String> it = c.node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        checkName(c, key, key);
        c.mapping(key).ifPresent(v -> {
          v.allowOnly("description", "env", "example");
          v.text("env").filter(e -> !e.matches("[A-Za-z_][A-Za-z0-9_]*")).ifPresent(e ->
              v.problem("env", "'" + printable(e) + "' is not an environment variable name (letters, digits and '_')"));
          config.put(key, new ConfigVariable(key, v.text("description").orElse(""), v.text("env"), v.text("example")));
        });
      }
    });
    return config;
  }
}
