package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkHeader;
import static dev.switchboard.core.definition.FieldChecks.template;

import dev.switchboard.core.error.ErrorFormat;
import dev.switchboard.core.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
    return read(source, problems, null);
  }

  /**
   * Reads one connector, taking from a cache each action file read before under the same {@code connector.yaml}.
   *
   * @param source its texts
   * @param problems where every problem is added
   * @param cache what the last load read, updated with what this one read; null for none
   * @return the connector, or empty when it or any of its actions has problems
   */
  static Optional<ConnectorDefinition> read(ConnectorSource source, List<Problem> problems, DefinitionCache cache) {
    int before = problems.size();
    SourceText connectorText = source.connector();
    YamlFile yaml = YamlFile.parse(connectorText, problems);
    if (yaml == null) {
      return Optional.empty();
    }
    Mapping m = Mapping.checked(yaml, DefinitionSchema.Kind.CONNECTOR, problems);
    if (m == null) {
      return Optional.empty();
    }
    String name = m.text("name").orElse(null);
    String title = m.text("title").orElse(name);
    String description = m.text("description").orElse("");
    Map<String, ConfigVariable> config = config(m);
    Set<String> configNames = config.keySet();
    Template baseUrl = template(m, "base_url", m.text("base_url").orElse(null), Set.of("config"), configNames);
    if (baseUrl != null && baseUrl.isConstant()) {
      String problem = BaseUrl.problem(baseUrl.source());
      if (problem != null) {
        m.problem("base_url", problem);
      }
    }
    AuthConfig auth = m.mapping("auth").map(a -> AuthReader.read(a, configNames)).orElse(null);
    if (auth != null) {
      checkSettingsReadNoSecret(m, name, config, auth);
    }
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
    TransportSettings transport = TransportReader.read(m);
    ErrorFormat errors = ErrorFormatReader.read(m);
    Optional<String> requestIdHeader = m.text("request_id_header");
    requestIdHeader.ifPresent(h -> checkHeader(m, "request_id_header", h, null));

    SharedInputs shared = SharedInputs.read(m);
    List<ActionReader.Read> read = new ArrayList<>();
    Map<SourceText, ActionReader.Read> kept = new HashMap<>();
    for (SourceText action : source.actions()) {
      Optional<ActionReader.Read> known = cache == null ? Optional.empty() : cache.find(connectorText, action);
      known.ifPresent(r -> ActionReader.markShared(r, shared));
      Optional<ActionReader.Read> r = known.isPresent() ? known : ActionReader.read(action, configNames, shared, problems);
      r.ifPresent(one -> {
        read.add(one);
        kept.put(action, one);
      });
    }
    if (cache != null) {
      cache.keep(connectorText, kept);
    }
    shared.checkUsed(problems);
    Map<String, String> seen = new LinkedHashMap<>();
    for (ActionReader.Read r : read) {
      ActionDefinition a = r.definition();
      String earlier = seen.putIfAbsent(a.name(), a.file());
      if (earlier != null) {
        problems.add(new Problem(a.file(), r.yaml().line("name"), "name", "action '" + a.name() + "' is already defined by " + earlier));
      }
    }
    StepReader.checkTargets(name, read, problems);
    List<ActionDefinition> actions = new ArrayList<>(read.stream().map(ActionReader.Read::definition).toList());
    if (problems.size() > before || name == null || auth == null || baseUrl == null || transport == null) {
      return Optional.empty();
    }
    actions.sort(Comparator.comparing(ActionDefinition::name));
    return Optional.of(new ConnectorDefinition(name, title, description, baseUrl, Map.copyOf(config), auth,
        Collections.unmodifiableMap(headers), transport, errors, requestIdHeader, sandbox, List.copyOf(actions),
        connectorText.name()));
  }

  /** Adds a problem for each setting whose {@code env:} names a variable that holds a secret ({@link SecretVariables}). */
  private static void checkSettingsReadNoSecret(Mapping m, String name, Map<String, ConfigVariable> config, AuthConfig auth) {
    for (ConfigVariable variable : config.values()) {
      variable.env().flatMap(env -> SecretVariables.problem(env, name, auth))
          .ifPresent(problem -> m.problem("config." + variable.name() + ".env", problem));
    }
  }

  /** Reads {@code config:}, the connector's settings. */
  private static Map<String, ConfigVariable> config(Mapping m) {
    Map<String, ConfigVariable> config = new LinkedHashMap<>();
    m.mapping("config").ifPresent(c -> {
      for (Iterator<String> it = c.node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        c.mapping(key).ifPresent(v ->
            config.put(key, new ConfigVariable(key, v.text("description").orElse(""), v.text("env"), v.text("example"))));
      }
    });
    return config;
  }
}
