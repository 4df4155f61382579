package dev.switchboard.core.definition;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What loading one connector read, kept so that loading it again reads only the files whose text changed
 * ({@link DefinitionLoader#load(ConnectorSource, DefinitionCache)}): each action file that was read without
 * problems, by its name and text, under the text of {@code connector.yaml} it was read with. A changed
 * {@code connector.yaml} makes every action be read again; the checks across actions (names, compound steps,
 * shared inputs) are always made again. Holds only what the last load used. One cache per connector; thread-safe.
 */
public final class DefinitionCache {
  private SourceText connector;
  private Map<SourceText, ActionReader.Read> reads = Map.of();

  /** Makes an empty cache. */
  public DefinitionCache() {}

  /** Returns the action read from this text under this connector.yaml by the last load, if it read it without problems. */
  synchronized Optional<ActionReader.Read> find(SourceText connectorText, SourceText action) {
    return connectorText.equals(connector) ? Optional.ofNullable(reads.get(action)) : Optional.empty();
  }

  /** Keeps what a load read, in place of what the last one read. */
  synchronized void keep(SourceText connectorText, Map<SourceText, ActionReader.Read> read) {
    this.connector = connectorText;
    this.reads = new HashMap<>(read);
  }

  /** {@return how many action files are kept, for tests} */
  synchronized int size() {
    return reads.size();
  }
}
