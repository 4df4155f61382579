package dev.switchboard.importer;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.core.plan.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks generated definitions the only way that counts: by loading them with the engine's
 * {@link DefinitionLoader} and compiling them into a {@link Catalog}, exactly as {@code switchboard validate} does.
 * Problems are reported with file names relative to the connector ({@code okta/actions/list_users.yaml}).
 */
public final class DefinitionCheck {
  private DefinitionCheck() {}

  /**
   * Loads a connector from text.
   *
   * @param connectorName the connector's directory name
   * @param connectorYaml the text of {@code connector.yaml}
   * @param actions action name to the text of {@code actions/NAME.yaml}
   * @return the loaded connector
   * @throws DefinitionException listing every problem, with file names relative to the connector's directory
   */
  public static ConnectorDefinition load(String connectorName, String connectorYaml, Map<String, String> actions) {
    // Until DefinitionLoader.load(ConnectorSource) (contract C1) is on main, the text goes through a temporary
    // directory; the loader's rules are the same either way.
    Path dir;
    try {
      dir = Files.createTempDirectory("switchboard-import-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory to check the definitions", e);
    }
    try {
      Path connectorDir = dir.resolve(connectorName);
      Files.createDirectories(connectorDir.resolve("actions"));
      Files.writeString(connectorDir.resolve("connector.yaml"), connectorYaml, StandardCharsets.UTF_8);
      for (Map.Entry<String, String> a : actions.entrySet()) {
        Files.writeString(connectorDir.resolve("actions").resolve(a.getKey() + ".yaml"), a.getValue(), StandardCharsets.UTF_8);
      }
      try {
        List<ConnectorDefinition> loaded = DefinitionLoader.loadDirectory(connectorDir);
        Catalog.of(loaded);
        return loaded.get(0);
      } catch (DefinitionException e) {
        String prefix = connectorDir.toString();
        List<Problem> relative = new ArrayList<>();
        for (Problem p : e.problems()) {
          String file = p.file().startsWith(prefix) ? connectorName + p.file().substring(prefix.length()) : p.file();
          relative.add(new Problem(file, p.line(), p.field(), p.message().replace(prefix, connectorName)));
        }
        throw new DefinitionException(relative);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the definitions to a temporary directory to check them", e);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
