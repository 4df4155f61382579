package dev.switchboard.core.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs a connector declares once under {@code inputs:} in {@code connector.yaml}, which its actions take
 * with {@code use:} ({@code inputs: {id: {use: user_id}}}), and which of them an action has used.
 */
final class SharedInputs {
  /** No shared inputs. */
  static final SharedInputs NONE = new SharedInputs(null, Map.of());

  /**
   * One shared input.
   *
   * @param raw its keywords as written
   * @param definition the input read from them, or empty when they have problems (reported once, at the connector)
   */
  record Entry(ObjectNode raw, Optional<InputDefinition> definition) {}

  private final Mapping declared;
  private final Map<String, Entry> entries;
  private final Set<String> used = new LinkedHashSet<>();

  private SharedInputs(Mapping declared, Map<String, Entry> entries) {
    this.declared = declared;
    this.entries = entries;
  }

  /**
   * Reads the {@code inputs:} of {@code connector.yaml}.
   *
   * @param connector the connector's root mapping
   * @return the shared inputs, each read and checked as an action's input would be
   */
  static SharedInputs read(Mapping connector) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    Optional<Mapping> inputs = connector.mapping("inputs");
    inputs.ifPresent(in -> in.node.fieldNames().forEachRemaining(name -> in.mapping(name).ifPresent(i ->
        entries.put(name, new Entry(i.node, InputReader.readOne(i, name))))));
    return new SharedInputs(inputs.orElse(null), entries);
  }

  /** Returns the shared input of that name, marking it used; empty when there is none. */
  Optional<Entry> use(String name) {
    Entry entry = entries.get(name);
    if (entry != null) {
      used.add(name);
    }
    return Optional.ofNullable(entry);
  }

  /** Returns the names of the shared inputs. */
  Set<String> names() {
    return entries.keySet();
  }

  /** Adds a problem for each shared input no action took. */
  void checkUsed(List<Problem> problems) {
    for (String name : entries.keySet()) {
      if (!used.contains(name)) {
        declared.problem(name, "shared input '" + name + "' is taken by no action; take it in an action with"
            + " inputs: {" + name + ": {use: " + name + "}}, or remove it");
      }
    }
  }
}
