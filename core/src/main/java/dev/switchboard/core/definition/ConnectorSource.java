package dev.switchboard.core.definition;

import java.util.List;
import java.util.Objects;

/**
 * A connector's definition files as text: its {@code connector.yaml} and its actions, from wherever they are
 * kept (a directory, a jar, a database row, an upload). {@link DefinitionLoader#load(ConnectorSource)} reads it.
 *
 * @param connector the text of {@code connector.yaml}
 * @param actions one text per action; an action's name is its {@code name:} field, else the file name of
 *     {@link SourceText#name()} without {@code .yaml}
 */
public record ConnectorSource(SourceText connector, List<SourceText> actions) {
  /** Checks that both parts are present and copies the list. */
  public ConnectorSource {
    Objects.requireNonNull(connector, "connector");
    actions = List.copyOf(actions);
  }
}
