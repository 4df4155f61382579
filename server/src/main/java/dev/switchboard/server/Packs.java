package dev.switchboard.server;

import dev.switchboard.core.plan.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The built-in connector packs (the catalog module's {@value Catalog#BUILT_IN_ROOT}) as text: templates a new
 * connector is made from, one instance per org, each with its own name, settings and credentials.
 */
final class Packs {
  private Packs() {}

  /** {@return the names of the built-in packs, sorted} */
  static List<String> names() {
    return Catalog.builtIn().connectors().keySet().stream().sorted().toList();
  }

  /**
   * Returns a pack's files, renamed for an instance: the connector's {@code name:} becomes the instance's.
   *
   * @param pack the pack, such as {@code okta}
   * @param instance the new connector's name, such as {@code okta_prod}
   * @return file to text ({@code connector.yaml}, {@code actions/*.yaml})
   */
  static Optional<Map<String, String>> files(String pack, String instance) {
    URL url = Packs.class.getClassLoader().getResource(Catalog.BUILT_IN_ROOT + "/" + pack + "/connector.yaml");
    if (url == null || !pack.matches("[a-z][a-z0-9_]{0,63}")) {
      return Optional.empty();
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return Optional.of(read(fs.provider().getPath(uri).getParent(), pack, instance));
      }
      return Optional.of(read(Path.of(uri).getParent(), pack, instance));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the built-in pack " + pack + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> read(Path dir, String pack, String instance) throws IOException {
    Map<String, String> files = new TreeMap<>();
    String connector = Files.readString(dir.resolve("connector.yaml"), StandardCharsets.UTF_8);
    files.put("connector.yaml", connector.replaceFirst("(?m)^name:\\s*" + pack + "\\s*$", "name: " + instance));
    Path actions = dir.resolve("actions");
    if (Files.isDirectory(actions)) {
      try (Stream<Path> list = Files.list(actions)) {
        for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
          try (InputStream in = Files.newInputStream(p)) {
            files.put("actions/" + p.getFileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return files;
  }
}
