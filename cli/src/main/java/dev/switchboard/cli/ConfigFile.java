package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.run.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings file of the Switchboard home, {@code config.yaml}: for each connector or instance, its settings
 * (the {@code config:} values of its definition, never secrets), as {@link ConfigCommand} writes them:
 *
 * <pre>
 * okta:
 *   org_url: https://dev-123456.okta.com
 * okta@prod:
 *   org_url: https://acme.okta.com
 * </pre>
 *
 * <p>A top-level key with {@code @} declares an instance of a pack ({@link dev.switchboard.core.definition.ConnectorInstance}),
 * even with no settings ({@code okta@prod: {}}). Values are read as text. The file is rewritten whole on each change
 * (to a temporary file, then renamed over it), so comments added by hand are not kept. A missing file holds nothing.
 */
final class ConfigFile {
  /** The file's name in the Switchboard home. */
  static final String NAME = "config.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final String HEADER = "# Switchboard settings, written by 'switchboard config set|unset' (docs/cli.md).\n"
      + "# Settings only: tokens and keys go in the secret store ('switchboard secrets set').\n";

  private final Path file;

  ConfigFile(Path file) {
    this.file = file;
  }

  /** {@return where the file is} */
  Path file() {
    return file;
  }

  /**
   * Reads the file.
   *
   * @return connector or instance names to setting names to values, sorted; empty when the file does not exist
   * @throws Main.ConfigurationException naming the file (and line) when it cannot be read or is not a mapping of
   *     names to mappings of settings to values
   */
  Map<String, Map<String, String>> read() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new Main.ConfigurationException("cannot read " + file + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new Main.ConfigurationException(file + (at == null ? "" : ":" + at.getLineNr()) + ": invalid YAML ("
          + e.getOriginalMessage() + "); fix or remove the file, or use 'switchboard config set'");
    }
    Map<String, Map<String, String>> out = new TreeMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    if (!root.isObject()) {
      throw shape("the file must map connector names to their settings, such as 'okta:' with 'org_url: https://...' under it");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> connector = it.next();
      Map<String, String> settings = new TreeMap<>();
      JsonNode value = connector.getValue();
      if (value.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> s = value.fields(); s.hasNext(); ) {
          Map.Entry<String, JsonNode> setting = s.next();
          if (!setting.getValue().isValueNode() || setting.getValue().isNull()) {
            throw shape(connector.getKey() + "." + setting.getKey() + " must be a single value (text), such as https://dev-123456.okta.com");
          }
          settings.put(setting.getKey(), setting.getValue().asText());
        }
      } else if (!value.isNull()) {
        throw shape(connector.getKey() + " must hold settings by name, such as 'org_url: https://...' on the next line, indented");
      }
      out.put(connector.getKey(), Collections.unmodifiableMap(settings));
    }
    return Collections.unmodifiableMap(out);
  }

  private Main.ConfigurationException shape(String message) {
    return new Main.ConfigurationException(file + ": " + message);
  }

  /**
   * Sets one setting, creating the file, the connector's or instance's section, or both.
   *
   * @param connector the connector or instance name, such as {@code okta@prod}
   * @param setting the setting's name, such as {@code org_url}
   * @param value the value
   */
  void set(String connector, String setting, String value) {
    Map<String, Map<String, String>> all = mutable(read());
    all.computeIfAbsent(connector, c -> new TreeMap<>()).put(setting, value);
    write(all);
  }

  /**
   * Removes one setting; the connector's or instance's section stays, even empty (an instance stays declared).
   *
   * @param connector the connector or instance name
   * @param setting the setting's name
   * @return false when it was not set
   */
  boolean unset(String connector, String setting) {
    Map<String, Map<String, String>> all = mutable(read());
    Map<String, String> settings = all.get(connector);
    if (settings == null || settings.remove(setting) == null) {
      return false;
    }
    write(all);
    return true;
  }

  /**
   * Removes a connector's or instance's whole section (for an instance: the instance itself).
   *
   * @param connector the connector or instance name
   * @return false when the file has no such section
   */
  boolean remove(String connector) {
    Map<String, Map<String, String>> all = mutable(read());
    if (all.remove(connector) == null) {
      return false;
    }
    write(all);
    return true;
  }

  /**
   * Returns settings as a source for the engine: a connector's setting is its value under the connector's (or
   * instance's) name.
   *
   * @param values what {@link #read} returned
   * @return the source; it describes itself as {@code the setting okta.org_url in <file> (switchboard config set okta.org_url VALUE)}
   */
  ConfigSource source(Map<String, Map<String, String>> values) {
    Path where = file;
    return new ConfigSource() {
      @Override
      public Optional<String> value(String connector, ConfigVariable variable) {
        return Optional.ofNullable(values.getOrDefault(connector, Map.of()).get(variable.name()))
            .map(String::strip).filter(v -> !v.isEmpty());
      }

      @Override
      public String describe(String connector, ConfigVariable variable) {
        String key = connector + "." + variable.name();
        return "the setting " + key + " in " + where + " (switchboard config set " + key + " VALUE)";
      }
    };
  }

  private static Map<String, Map<String, String>> mutable(Map<String, Map<String, String>> read) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    read.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
    return out;
  }

  private void write(Map<String, Map<String, String>> all) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    all.forEach((connector, settings) -> {
      ObjectNode section = root.putObject(connector);
      settings.forEach(section::put);
    });
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), NAME, ".tmp");
      try {
        Files.writeString(temp, HEADER + (all.isEmpty() ? "" : YAML.writeValueAsString(root)), StandardCharsets.UTF_8);
        try {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new Main.ConfigurationException("cannot write " + file + ": " + e.getMessage());
    }
  }
}
