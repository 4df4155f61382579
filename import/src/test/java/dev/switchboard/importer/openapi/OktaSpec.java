package dev.switchboard.importer.openapi;

import java.nio.file.Files;
import java.nio.file.Path;

/** Okta's own Management API description (shared/okta, vendored in the repository), read once per test run. */
final class OktaSpec {
  private static OpenApiImport spec;

  private OktaSpec() {}

  static synchronized OpenApiImport get() {
    if (spec == null) {
      spec = OpenApiImport.read(file());
    }
    return spec;
  }

  static Path file() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/okta/management-openapi.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/okta/management-openapi.yaml not found above " + Path.of("").toAbsolutePath());
  }
}
