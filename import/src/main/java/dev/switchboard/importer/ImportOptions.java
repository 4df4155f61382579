package dev.switchboard.importer;

import java.util.Optional;
import java.util.Set;

/**
 * Choices the caller makes for an import.
 *
 * @param connector the connector's name; empty to derive it from the host (or the document's title)
 * @param action the action's name for a single-request import; empty to derive it from the method and path
 * @param reservedConnectors names a derived connector name must avoid (the built-in packs, which a same-named
 *     connector would replace)
 */
public record ImportOptions(Optional<String> connector, Optional<String> action, Set<String> reservedConnectors) {
  /** Derives every name, avoiding none. */
  public static ImportOptions defaults() {
    return new ImportOptions(Optional.empty(), Optional.empty(), Set.of());
  }

  /** Returns a copy with the connector's name set. */
  public ImportOptions withConnector(String name) {
    return new ImportOptions(Optional.of(name), action, reservedConnectors);
  }

  /** Returns a copy with the action's name set. */
  public ImportOptions withAction(String name) {
    return new ImportOptions(connector, Optional.of(name), reservedConnectors);
  }

  /** Returns a copy that avoids these connector names when deriving one. */
  public ImportOptions avoiding(Set<String> names) {
    return new ImportOptions(connector, action, Set.copyOf(names));
  }
}
