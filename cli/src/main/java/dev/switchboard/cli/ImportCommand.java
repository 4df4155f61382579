package dev.switchboard.cli;

import dev.switchboard.core.plan.Catalog;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.importer.curl.CurlImport;
import dev.switchboard.importer.curl.Shell;
import dev.switchboard.importer.openapi.OpenApiImport;
import dev.switchboard.importer.postman.PostmanImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard import curl|openapi|postman}: makes a connector and actions from a cURL command, an OpenAPI 3
 * document or a Postman collection, writes them into a definitions directory (all or nothing), puts secrets found in
 * the input into the encrypted secret store, and prints what was guessed and what is left to do.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
    "Makes a connector and actions from a cURL command, an OpenAPI 3 document or a Postman collection v2.1.",
    "Writes DIR/<connector>/connector.yaml and actions/*.yaml, all or nothing; never overwrites an action without --force.",
    "Secrets found in the input go to the encrypted secret store, never into YAML."},
    subcommands = {ImportCommand.Curl.class, ImportCommand.OpenApi.class, ImportCommand.Postman.class})
final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.EXIT_USAGE;
  }

  /** Options every import takes. */
  static final class Common {
    @Option(names = "--defs", paramLabel = "DIR", description = "The definitions directory to write into (default: $SWITCHBOARD_DEFS).")
    Path defs;

    @Option(names = "--connector", paramLabel = "NAME", description = "The connector's name (default: from the host or the document).")
    String connector;

    @Option(names = "--force", description = "Overwrite action files and stored secrets that exist already.")
    boolean force;

    @Option(names = "--dry-run", description = "Print the YAML and the report; write and store nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
        description = "text (the files written and the report) or json (everything, for scripts) (default: text).")
    String output;

    /** Runs an import and writes it. */
    int run(Main main, CommandSpec spec, Function<ImportOptions, ImportResult> importer) {
      if (!output.equals("text") && !output.equals("json")) {
        throw new Main.UsageException("--output takes text or json, not '" + output + "'");
      }
      Path dir = Optional.ofNullable(defs).or(() -> Optional.ofNullable(main.env.get("SWITCHBOARD_DEFS"))
          .filter(s -> !s.isBlank()).map(Path::of)).orElse(null);
      if (dir == null && !dryRun) {
        throw new Main.UsageException("say where to write the definitions: --defs DIR (or set SWITCHBOARD_DEFS); nothing was written");
      }
      ImportOptions options = ImportOptions.defaults().avoiding(Catalog.builtIn().connectors().keySet());
      if (connector != null) {
        options = options.withConnector(connector);
      }
      ImportResult result;
      try {
        result = importer.apply(options);
      } catch (ImportException e) {
        throw new Main.UsageException(e.getMessage() + (dryRun ? "" : "; nothing was written"));
      }
      ImportWriter.Written written = dryRun ? null : new ImportWriter(dir, force, main.env).write(result);
      PrintWriter out = spec.commandLine().getOut();
      if (output.equals("json")) {
        ImportWriter.printJson(result, written, out);
      } else {
        ImportWriter.printText(result, written, dir, out);
      }
      return 0;
    }
  }

  /** Reads all of an input stream as UTF-8. */
  static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Main.UsageException("cannot read standard input: " + e.getMessage());
    }
  }

  /** {@code switchboard import curl}. */
  @Command(name = "curl", mixinStandardHelpOptions = true, description = {
      "Imports a cURL command: pasted as one argument, as the words after --, or on stdin (no argument, or -).",
      "Reads bash, cmd and PowerShell quoting (browsers' Copy as cURL) and Chrome's Copy as PowerShell."})
  static final class Curl implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ImportCommand parent;

    @Mixin
    Common common;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command, quoted as one argument; or its words after --.")
    List<String> command = List.of();

    @Option(names = "--name", paramLabel = "ACTION", description = "The action's name (default: from the method and path).")
    String name;

    @Option(names = "--shell", paramLabel = "SHELL", description = "bash, cmd or powershell: how the command is quoted (default: guessed).")
    String shell;

    @Override
    public Integer call() {
      Optional<Shell> dialect = Optional.ofNullable(shell).map(s -> Shell.named(s).orElseThrow(() ->
          new Main.UsageException("--shell takes bash, cmd or powershell, not '" + s + "'")));
      String text;
      if (command.isEmpty() || command.equals(List.of("-"))) {
        text = readAll(parent.main.stdin);
      } else if (command.size() == 1) {
        text = command.get(0);
      } else {
        // the words were split by the user's own shell already: quote each one again for the POSIX reader
        text = String.join(" ", command.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
        dialect = Optional.of(Shell.POSIX);
      }
      String commandText = text;
      Optional<Shell> chosen = dialect;
      return common.run(parent.main, spec, options -> CurlImport.run(commandText, chosen,
          name == null ? options : options.withAction(name)));
    }
  }

  /** {@code switchboard import openapi}. */
  @Command(name = "openapi", mixinStandardHelpOptions = true, description = {
      "Imports operations of an OpenAPI 3 document (YAML or JSON): by id (--operation, repeatable), by tag (--tag) or all (--all).",
      "Inputs from parameters and the request body schema; output records and schema from the response; auth from the",
      "security schemes; pagination from Link headers, page or offset parameters, and a note where the document cannot tell."})
  static final class OpenApi implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ImportCommand parent;

    @Mixin
    Common common;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The OpenAPI 3 document, a file.")
    Path document;

    @Option(names = "--operation", paramLabel = "ID", description = "An operation id to import; repeat for several.")
    List<String> operations = List.of();

    @Option(names = "--tag", paramLabel = "TAG", description = "Import every operation with this tag.")
    String tag;

    @Option(names = "--all", description = "Import every operation of the document.")
    boolean all;

    @Override
    public Integer call() {
      int chosen = (operations.isEmpty() ? 0 : 1) + (tag == null ? 0 : 1) + (all ? 1 : 0);
      if (chosen > 1) {
        throw new Main.UsageException("choose the operations one way: --operation ID (repeatable), --tag TAG or --all");
      }
      OpenApiImport.Selection selection = all ? OpenApiImport.Selection.everything()
          : tag != null ? OpenApiImport.Selection.tag(tag) : OpenApiImport.Selection.operations(operations);
      return common.run(parent.main, spec, options -> OpenApiImport.read(document).run(selection, options));
    }
  }

  /** {@code switchboard import postman}. */
  @Command(name = "postman", mixinStandardHelpOptions = true, description = {
      "Imports every request of a Postman collection (v2.1, exported as JSON) into one connector: requests in folders,",
      "collection variables (filled in where they have a value), and the auth of the request, its folder or the collection."})
  static final class Postman implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    ImportCommand parent;

    @Mixin
    Common common;

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "The exported collection, a JSON file.")
    Path collection;

    @Override
    public Integer call() {
      return common.run(parent.main, spec, options -> PostmanImport.read(collection).run(options));
    }
  }
}
