package dev.switchboard.core.definition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads connector directories ({@code connector.yaml} and {@code actions/*.yaml}) into {@link ConnectorSource}s,
 * adding a {@link Problem} for each file that cannot be read as UTF-8 text of at most
 * {@link DefinitionLoader#MAX_FILE_BYTES} bytes.
 */
final class DefinitionFiles {
  private DefinitionFiles() {}

  /** Returns {@code dir} itself when it holds {@code connector.yaml}, else its sub-directories that do, sorted. */
  static List<Path> connectorDirectories(Path dir) {
    if (Files.isRegularFile(dir.resolve("connector.yaml"))) {
      return List.of(dir);
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(p -> Files.isRegularFile(p.resolve("connector.yaml"))).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Reads one connector directory.
   *
   * @param dir the directory holding {@code connector.yaml}
   * @param label how the user knows the directory; sources are named {@code label/connector.yaml} and
   *     {@code label/actions/NAME.yaml}
   * @param problems where unreadable files are reported
   * @return the texts, or empty when {@code connector.yaml} itself cannot be read
   */
  static Optional<ConnectorSource> read(Path dir, String label, List<Problem> problems) {
    String connectorFile = label + "/connector.yaml";
    SourceText connector = readText(dir.resolve("connector.yaml"), connectorFile, problems);
    if (connector == null) {
      return Optional.empty();
    }
    List<SourceText> actions = new ArrayList<>();
    Path actionsDir = dir.resolve("actions");
    if (!Files.isDirectory(actionsDir)) {
      problems.add(new Problem(connectorFile, 0, "", "no actions/ directory next to connector.yaml; each action is a file actions/NAME.yaml"));
    } else {
      List<Path> files;
      try (Stream<Path> list = Files.list(actionsDir)) {
        files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
      } catch (IOException e) {
        files = List.of();
        problems.add(new Problem(label + "/actions", 0, "", "cannot list: " + e.getMessage()));
      }
      for (Path file : files) {
        SourceText action = readText(file, label + "/actions/" + file.getFileName(), problems);
        if (action != null) {
          actions.add(action);
        }
      }
    }
    return Optional.of(new ConnectorSource(connector, actions));
  }

  private static SourceText readText(Path path, String label, List<Problem> problems) {
    try {
      if (!Files.isRegularFile(path)) {
        problems.add(new Problem(label, 0, "", Files.exists(path) ? "not a regular file (a directory, device or pipe); definitions are plain YAML files"
            : "cannot read: the file (or the target of its link) does not exist"));
        return null;
      }
      long size = Files.size(path);
      if (size > DefinitionLoader.MAX_FILE_BYTES) {
        problems.add(new Problem(label, 0, "", tooLarge(size)));
        return null;
      }
      byte[] bytes = Files.readAllBytes(path);
      try {
        return new SourceText(label, StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
      } catch (CharacterCodingException e) {
        problems.add(new Problem(label, 0, "", "not valid UTF-8; save the file as UTF-8"));
        return null;
      }
    } catch (IOException e) {
      problems.add(new Problem(label, 0, "", "cannot read: " + e.getMessage()));
      return null;
    }
  }

  /** The problem message for a source of {@code size} bytes over the cap. */
  static String tooLarge(long size) {
    return "too large (" + size + " bytes; a definition file may have at most " + DefinitionLoader.MAX_FILE_BYTES + ")";
  }
}
