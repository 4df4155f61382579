package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;
import static dev.switchboard.core.definition.FieldChecks.checkName;
import static dev.switchboard.core.definition.FieldChecks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.template.JsonTemplate;
import dev.switchboard.core.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code steps:} of a compound action, and checks the steps of a connector's compounds against the
 * actions they run (names, inputs, annotations).
 */
final class StepReader {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private StepReader() {}

  /**
   * Reads a compound action's steps.
   *
   * @param m the action's root mapping
   * @param inputs the action's input names
   * @param used collects the inputs the steps use
   * @return the steps read without problems
   */
  static List<Step> read(Mapping m, Set<String> inputs, Set<String> used) {
    List<Step> steps = new ArrayList<>();
    JsonNode list = m.raw("steps");
    if (!list.isArray() || list.isEmpty()) {
      m.problem("steps", "must be a non-empty list of steps, each with action, fail or result");
      return steps;
    }
    Set<String> scope = new LinkedHashSet<>(inputs);
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String path = "steps[" + i + "]";
      if (!(item instanceof ObjectNode object)) {
        m.problem(path, "each step is a mapping with action, fail or result");
        continue;
      }
      Mapping s = new Mapping(m.file, m.fieldPath(path), object, m.problems());
      s.allowOnly("name", "when", "action", "inputs", "fail", "result");
      Optional<String> name = s.text("name");
      name.ifPresent(n -> {
        checkName(s, "name", n);
        if (scope.contains(n)) {
          s.problem("name", "'" + n + "' is already an input or an earlier step's name");
        }
      });
      Optional<String> when = s.text("when");
      when.ifPresent(w -> {
        checkJmesPath(s, "when", w);
        used.addAll(identifiers(w, scope));
      });
      int kinds = (s.has("action") ? 1 : 0) + (s.has("fail") ? 1 : 0) + (s.has("result") ? 1 : 0);
      if (kinds != 1) {
        s.problem(null, "a step has exactly one of action, fail or result");
        continue;
      }
      Step.Kind kind = null;
      if (s.has("action")) {
        String action = s.requiredText("action", "get_user");
        JsonNode inputNode = s.raw("inputs");
        JsonTemplate template = JsonTemplate.compile(inputNode == null || inputNode.isNull()
            ? JsonNodeFactory.instance.objectNode() : inputNode);
        for (String n : template.names()) {
          if (!scope.contains(n)) {
            s.problem("inputs", "{{" + n + "}} names nothing; known here: " + String.join(", ", scope));
          }
        }
        used.addAll(template.names());
        kind = action == null ? null : new Step.Run(action, template);
      } else if (s.has("fail")) {
        Optional<Mapping> fail = s.mapping("fail");
        if (fail.isPresent()) {
          Mapping f = fail.get();
          f.allowOnly("category", "message");
          String category = f.text("category").orElse("validation");
          try {
            ErrorCategory.valueOf(category.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            f.problem("category", "unknown error category '" + category + "'; use validation, conflict, not_found, permission...");
          }
          Template message = template(f, "message", f.requiredText("message", "\"User {{id}} is not deprovisioned\""), scope, Set.of());
          if (message != null) {
            used.addAll(message.names());
            kind = new Step.Fail(category, message);
          }
        }
      } else {
        String expression = s.requiredText("result", "user");
        if (expression != null) {
          checkJmesPath(s, "result", expression);
          used.addAll(identifiers(expression, scope));
          kind = new Step.Result(expression);
        }
      }
      name.ifPresent(scope::add);
      if (kind != null) {
        steps.add(new Step(name, when, kind));
      }
    }
    return steps;
  }

  /** Returns the names of {@code scope} that appear as identifiers in a JMESPath expression (a conservative scan). */
  private static Set<String> identifiers(String expression, Set<String> scope) {
    Set<String> out = new LinkedHashSet<>();
    Matcher matcher = IDENTIFIER.matcher(expression);
    while (matcher.find()) {
      if (scope.contains(matcher.group())) {
        out.add(matcher.group());
      }
    }
    return out;
  }

  /**
   * Checks each compound's steps against the connector's actions: a step runs a plain action of the connector
   * with inputs it declares; a read_only compound runs only read_only actions; a compound that runs a
   * destructive action is destructive.
   *
   * @param name the connector's name, for messages
   * @param actions the connector's actions
   * @param problems where problems are added
   */
  static void checkTargets(String name, List<ActionDefinition> actions, List<Problem> problems) {
    Map<String, ActionDefinition> byName = new HashMap<>();
    actions.forEach(a -> byName.put(a.name(), a));
    for (ActionDefinition a : actions) {
      for (Step step : a.steps()) {
        if (step.kind() instanceof Step.Run run) {
          ActionDefinition target = byName.get(run.action());
          if (target == null) {
            problems.add(new Problem(a.file(), 0, "steps", "step action '" + run.action() + "' is not an action of connector '"
                + name + "'" + Mapping.closest(run.action(), byName.keySet()).map(c -> "; did you mean '" + c + "'?").orElse("")));
          } else if (target.compound()) {
            problems.add(new Problem(a.file(), 0, "steps", "step action '" + run.action() + "' is itself compound; steps run plain actions only"));
          } else {
            for (String input : run.inputs().fieldNames()) {
              if (!target.inputs().containsKey(input)) {
                problems.add(new Problem(a.file(), 0, "steps", "step action '" + run.action() + "' has no input '" + input + "'"
                    + Mapping.closest(input, target.inputs().keySet()).map(c -> "; did you mean '" + c + "'?").orElse("")
                    + " (its inputs: " + String.join(", ", target.inputs().keySet()) + ")"));
              }
            }
            if (a.annotations().readOnly() && !target.annotations().readOnly()) {
              problems.add(new Problem(a.file(), 0, "annotations.read_only", "the compound runs '" + run.action()
                  + "', which is not read_only, so it cannot be read_only itself"));
            }
            if (target.annotations().destructive() && !a.annotations().destructive()) {
              problems.add(new Problem(a.file(), 0, "annotations.destructive", "the compound runs '" + run.action()
                  + "', which is destructive, so it must be annotated destructive: true (callers confirm before it runs)"));
            }
          }
        }
      }
    }
  }
}
