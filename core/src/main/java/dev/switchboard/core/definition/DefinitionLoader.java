package dev.switchboard.core.definition;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads connector definitions from YAML: from text ({@link #load(ConnectorSource)}: a database row, an upload),
 * from a directory (a connector directory holds {@code connector.yaml} and {@code actions/*.yaml}; a catalog
 * directory holds connector directories) or from the class path.
 *
 * <p>Everything that does not depend on a call's inputs is checked here, once: YAML syntax, known
 * fields, types, templates (syntax, names, no unescaped tags), JMESPath expressions, input schemas and
 * their defaults. Every problem is collected with its source, line and field; loading then fails with one
 * {@link DefinitionException} that lists them all. The format is documented in docs/definitions.md. The work is
 * done by small readers, one per part of the format: {@code ConnectorReader}, {@code AuthReader},
 * {@code TransportReader}, {@code ActionReader}, {@code InputReader}, {@code PaginationReader}, {@code StepReader}.
 */
public final class DefinitionLoader {
  /** The name rule for connectors, actions and inputs: lower-case letters, digits and underscores. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The largest definition file read, in bytes (1 MiB); definitions are small, and a larger file is a mistake. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private DefinitionLoader() {}

  /**
   * Loads one connector from text.
   *
   * @param source the texts of {@code connector.yaml} and of each action
   * @return the connector, its actions sorted by name
   * @throws DefinitionException listing every problem found; each {@link Problem#file()} is the
   *     {@link SourceText#name()} of the text it was found in
   */
  public static ConnectorDefinition load(ConnectorSource source) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorDefinition> out = new ArrayList<>();
    ConnectorReader.read(source, problems).ifPresent(out::add);
    return finish(out, problems).get(0);
  }

  /**
   * Loads one connector from text, reading again only the action files whose text changed since the last load
   * through the same cache (and every file when {@code connector.yaml} changed); what it finds is the same as
   * {@link #load(ConnectorSource)}'s.
   *
   * @param source the texts of {@code connector.yaml} and of each action
   * @param cache what the last load of this connector read; updated
   * @return the connector, its actions sorted by name
   * @throws DefinitionException listing every problem found
   */
  public static ConnectorDefinition load(ConnectorSource source, DefinitionCache cache) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorDefinition> out = new ArrayList<>();
    ConnectorReader.read(source, problems, Objects.requireNonNull(cache, "cache")).ifPresent(out::add);
    return finish(out, problems).get(0);
  }

  /**
   * Loads every connector under a directory: the directory itself when it holds {@code connector.yaml},
   * otherwise each sub-directory that does.
   *
   * @param dir a connector directory or a directory of connector directories
   * @return the connectors, sorted by name
   * @throws DefinitionException listing every problem found (with file, line and field), including a
   *     directory that does not exist or holds no connector
   */
  public static List<ConnectorDefinition> loadDirectory(Path dir) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorDefinition> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      throw new DefinitionException(List.of(new Problem(dir.toString(), 0, "",
          Files.exists(dir) ? "is a file; expected a directory holding connector.yaml and actions/*.yaml"
              : "no such directory")));
    }
    List<Path> connectorDirs = DefinitionFiles.connectorDirectories(dir);
    if (connectorDirs.isEmpty()) {
      problems.add(new Problem(dir.toString(), 0, "",
          "no connector.yaml here or in its sub-directories; a connector directory holds connector.yaml and actions/*.yaml"));
    }
    for (Path connectorDir : connectorDirs) {
      readConnector(connectorDir, connectorDir.toString(), problems, out);
    }
    return finish(out, problems);
  }

  /**
   * Loads every connector packaged as resources under {@code root} on the class path (for example the
   * built-in packs under {@code switchboard/connectors}), whether in a directory or a jar.
   *
   * @param loader the class loader to search
   * @param root the resource directory holding connector directories
   * @return the connectors, sorted by name; empty when no resource directory has that name
   * @throws DefinitionException listing every problem found
   */
  public static List<ConnectorDefinition> loadClasspath(ClassLoader loader, String root) {
    List<Problem> problems = new ArrayList<>();
    List<ConnectorDefinition> out = new ArrayList<>();
    try {
      for (Iterator<URL> it = loader.getResources(root).asIterator(); it.hasNext(); ) {
        URI uri = it.next().toURI();
        if ("jar".equals(uri.getScheme())) {
          FileSystem fs;
          try {
            fs = FileSystems.getFileSystem(uri);
          } catch (FileSystemNotFoundException e) {
            fs = FileSystems.newFileSystem(uri, Map.of());
          }
          String inside = uri.getSchemeSpecificPart();
          inside = inside.substring(inside.indexOf("!/") + 1);
          readAll(fs.getPath(inside), "classpath:" + root, problems, out);
        } else {
          readAll(Path.of(uri), "classpath:" + root, problems, out);
        }
      }
    } catch (IOException | URISyntaxException e) {
      problems.add(new Problem("classpath:" + root, 0, "", "cannot read packaged definitions: " + e.getMessage()));
    }
    return finish(out, problems);
  }

  private static void readAll(Path dir, String label, List<Problem> problems, List<ConnectorDefinition> out) {
    for (Path connectorDir : DefinitionFiles.connectorDirectories(dir)) {
      readConnector(connectorDir, label + "/" + connectorDir.getFileName().toString().replace("/", ""), problems, out);
    }
  }

  private static void readConnector(Path dir, String label, List<Problem> problems, List<ConnectorDefinition> out) {
    DefinitionFiles.read(dir, label, problems)
        .flatMap(source -> ConnectorReader.read(source, problems))
        .ifPresent(out::add);
  }

  private static List<ConnectorDefinition> finish(List<ConnectorDefinition> out, List<Problem> problems) {
    Set<String> seen = new LinkedHashSet<>();
    for (ConnectorDefinition c : out) {
      if (!seen.add(c.name())) {
        problems.add(new Problem(c.file(), 0, "name", "connector '" + c.name() + "' is defined more than once"));
      }
    }
    if (!problems.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
      throw new DefinitionException(sorted);
    }
    out.sort(Comparator.comparing(ConnectorDefinition::name));
    return List.copyOf(out);
  }
}
