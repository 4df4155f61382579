package dev.switchboard.cli;

import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --defs DIR} option shared by commands that load definitions: user connectors added to the built-in ones. */
final class DefinitionsOption {
  @Option(names = "--defs", paramLabel = "DIR",
      description = "A directory of connector definitions to add to the built-in ones (same-named connectors replace them). "
          + "Default: $SWITCHBOARD_DEFS when set.")
  Path dir;

  /** Loads the built-in catalog plus the user's definitions. */
  Catalog catalog(java.util.Map<String, String> env) {
    Catalog builtIn = Catalog.builtIn();
    Optional<Path> extra = Optional.ofNullable(dir)
        .or(() -> Optional.ofNullable(env.get("SWITCHBOARD_DEFS")).filter(s -> !s.isBlank()).map(Path::of));
    return extra.map(d -> builtIn.with(DefinitionLoader.loadDirectory(d))).orElse(builtIn);
  }
}
