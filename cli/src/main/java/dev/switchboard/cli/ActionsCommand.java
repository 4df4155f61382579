package dev.switchboard.cli;

import dev.switchboard.core.definition.InputDefinition;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorInstance;
import dev.switchboard.core.plan.Catalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code switchboard actions [-v]}: lists every action with its description. */
@Command(name = "actions", description = "Lists the actions that can be run, with their descriptions.", mixinStandardHelpOptions = true)
final class ActionsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Mixin
  DefinitionsOption definitions;

  @Option(names = {"-v", "--verbose"}, description = "Also show each action's method, path, inputs and full description.")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Catalog catalog = new LocalSetup(main.env).withInstances(definitions.catalog(main.env), spec.commandLine().getErr());
    List<ActionPlan> actions = catalog.actions().stream()
        .filter(a -> ConnectorInstance.parse(a.connector().name()).isEmpty()).toList();
    if (actions.isEmpty()) {
      spec.commandLine().getErr().println("no actions are loaded");
      return 0;
    }
    int width = actions.stream().mapToInt(a -> a.id().length()).max().orElse(10);
    for (ActionPlan plan : actions) {
      String description = plan.definition().description().strip();
      if (!verbose) {
        out.println(String.format("%-" + width + "s  %s", plan.id(), firstSentence(description)));
        continue;
      }
      out.println(plan.id() + "  (" + (plan.definition().compound()
          ? "compound: " + String.join(", ", plan.definition().steps().stream()
              .filter(st -> st.kind() instanceof dev.switchboard.core.definition.Step.Run)
              .map(st -> ((dev.switchboard.core.definition.Step.Run) st.kind()).action()).distinct().toList())
          : plan.definition().method() + " " + plan.definition().path().source()) + ")");
      out.println("  " + description);
      for (InputDefinition input : plan.definition().inputs().values()) {
        out.println("  --input " + input.name() + "=<" + input.type() + ">" + (input.required() ? " (required)" : "")
            + input.defaultValue().map(d -> " (default " + d + ")").orElse("")
            + (input.description().isEmpty() ? "" : "  " + input.description().strip()));
      }
      out.println();
    }
    for (ConnectorDefinition connector : catalog.connectors().values()) {
      ConnectorInstance.parse(connector.name()).ifPresent(i -> out.println(String.format("%-" + width + "s  %s",
          i.name() + ".*", "The actions of " + i.pack() + " on the instance " + i.name() + ", such as " + i.name() + "."
              + connector.actions().stream().filter(a -> !a.internal()).findFirst().map(a -> a.name()).orElse("ACTION")
              + " (declared in " + ConfigFile.NAME + ").")));
    }
    return 0;
  }

  static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }
}
