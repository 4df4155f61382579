package dev.switchboard.catalog;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the shared reference data ({@code ../shared} next to the project root). */
final class SharedFiles {
  private SharedFiles() {}

  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared").resolve(relative).normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("../shared/" + relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
