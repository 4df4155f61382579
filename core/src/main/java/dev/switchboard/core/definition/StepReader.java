package dev.switchboard.core.definition;

import static dev.switchboard.core.definition.FieldChecks.checkJmesPath;
import static dev.switchboard.core.definition.FieldChecks.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.template.JsonTemplate;
import dev.switchboard.core.template.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
    Set<String> scope = new LinkedHashSet<>(inputs);
    for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
      Optional<Mapping> step = m.element("steps", i);
      if (step.isEmpty()) {
        continue; // the schema reported it
      }
      Mapping s = step.get();
      Optional<String> name = s.text("name");
      name.filter(scope::contains).ifPresent(n -> s.problem("name", "'" + n + "' is already an input or an earlier step's name"));
      Optional<String> when = s.text("when");
      when.ifPresent(w -> {
        checkJmesPath(s, "when", w);
        used.addAll(identifiers(w, scope));
      });
      Step.Kind kind = kind(s, scope, used);
      name.ifPresent(scope::add);
      if (kind != null) {
        steps.add(new Step(name, when, kind));
      }
    }
    return steps;
  }

  /** Reads what a step does: exactly one of action, fail or result (the schema reported any other shape). */
  private static Step.Kind kind(Mapping s, Set<String> scope, Set<String> used) {
    int kinds = (s.has("action") ? 1 : 0) + (s.has("fail") ? 1 : 0) + (s.has("result") ? 1 : 0);
    if (kinds != 1) {
      return null;
    }
    if (s.has("action")) {
      String action = s.text("action").orElse(null);
      JsonNode inputNode = s.raw("inputs");
      JsonTemplate template = JsonTemplate.compile(inputNode instanceof ObjectNode ? inputNode : JsonNodeFactory.instance.objectNode());
      for (String n : template.names()) {
        if (!scope.contains(n)) {
          s.problem("inputs", "{{" + n + "}} names nothing; known here: " + String.join(", ", scope));
        }
      }
      used.addAll(template.names());
      return action == null ? null : new Step.Run(action, template);
    }
    if (s.has("fail")) {
      Mapping f = s.mapping("fail").orElse(null);
      if (f == null) {
        return null;
      }
      String category = f.text("category").orElse("validation");
      Template message = template(f, "message", f.text("message").orElse(null), scope, Set.of());
      if (message == null) {
        return null;
      }
      used.addAll(message.names());
      return new Step.Fail(category, message);
    }
    String expression = s.text("result").orElse(null);
    if (expression == null) {
      return null;
    }
    checkJmesPath(s, "result", expression);
    used.addAll(identifiers(expression, scope));
    return new Step.Result(expression);
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
  static void checkTargets(String name, List<ActionReader.Read> actions, List<Problem> problems) {
    Map<String, ActionDefinition> byName = new HashMap<>();
    actions.forEach(r -> byName.put(r.definition().name(), r.definition()));
    for (ActionReader.Read r : actions) {
      List<Step> steps = r.definition().steps();
      for (int i = 0; i < steps.size(); i++) {
        String field = "steps[" + i + "]";
        steps.get(i).kind().accept(new Step.Visitor<Void>() {
          @Override
          public Void run(Step.Run run) {
            new TargetCheck(name, r, field, problems).check(run, byName.get(run.action()), byName.keySet());
            return null;
          }

          @Override
          public Void fail(Step.Fail fail) {
            return null;
          }

          @Override
          public Void result(Step.Result result) {
            return null;
          }
        });
      }
    }
  }

  /** The checks of one action step of a compound against the action it runs. */
  private record TargetCheck(String connector, ActionReader.Read compound, String step, List<Problem> problems) {
    void check(Step.Run run, ActionDefinition target, Set<String> actionNames) {
      if (target == null) {
        problem(step + ".action", "step action '" + run.action() + "' is not an action of connector '" + connector + "'"
            + Mapping.closest(run.action(), actionNames).map(c -> "; did you mean '" + c + "'?").orElse(""));
        return;
      }
      if (target.compound()) {
        problem(step + ".action", "step action '" + run.action() + "' is itself compound; steps run plain actions only");
        return;
      }
      for (String input : run.inputs().fieldNames()) {
        if (!target.inputs().containsKey(input)) {
          problem(step + ".inputs." + input, "step action '" + run.action() + "' has no input '" + input + "'"
              + Mapping.closest(input, target.inputs().keySet()).map(c -> "; did you mean '" + c + "'?").orElse("")
              + " (its inputs: " + String.join(", ", target.inputs().keySet()) + ")");
        }
      }
      Annotations annotations = compound.definition().annotations();
      if (annotations.readOnly() && !target.annotations().readOnly()) {
        problem("annotations.read_only", "the compound runs '" + run.action()
            + "', which is not read_only, so it cannot be read_only itself");
      }
      if (target.annotations().destructive() && !annotations.destructive()) {
        problem("annotations.destructive", "the compound runs '" + run.action()
            + "', which is destructive, so it must be annotated destructive: true (callers confirm before it runs)");
      }
    }

    private void problem(String field, String message) {
      problems.add(new Problem(compound.definition().file(), compound.yaml().line(field), field, message));
    }
  }
}
