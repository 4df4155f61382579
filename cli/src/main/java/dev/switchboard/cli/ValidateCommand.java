package dev.switchboard.cli;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.core.plan.Catalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code switchboard validate DIR}: checks a directory of definitions and reports every problem with file and line. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {
    "Checks a directory of connector definitions (connector.yaml and actions/*.yaml) without calling anything.",
    "Reports every problem as file:line: field: message; exits 3 when there is any."})
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "A connector directory, or a directory of connector directories.")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ConnectorDefinition> connectors;
    try {
      connectors = DefinitionLoader.loadDirectory(dir);
      Catalog.of(connectors);
    } catch (DefinitionException e) {
      for (Problem p : e.problems()) {
        err.println(p);
      }
      err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in " + dir);
      return Main.EXIT_CONFIG;
    }
    int actions = connectors.stream().mapToInt(c -> c.actions().size()).sum();
    for (ConnectorDefinition c : connectors) {
      long internal = c.actions().stream().filter(a -> a.internal()).count();
      out.println("ok  " + c.name() + " (" + c.actions().size() + (c.actions().size() == 1 ? " action" : " actions")
          + (internal > 0 ? ", " + internal + " of them internal" : "") + ", " + c.file() + ")");
    }
    out.println(connectors.size() + (connectors.size() == 1 ? " connector, " : " connectors, ") + actions
        + (actions == 1 ? " action" : " actions") + ": valid");
    return 0;
  }
}
