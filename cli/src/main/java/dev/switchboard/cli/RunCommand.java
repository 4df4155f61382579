package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.CallOptions;
import dev.switchboard.core.run.Engine;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code switchboard run ACTION [--input k=v]... [--all] [--output table|json]}: runs one action and prints its output. */
@Command(name = "run", description = {
    "Runs an action and prints its output. A destructive action asks first (or needs --yes without a terminal).",
    "Without OKTA_ORG_URL and OKTA_API_TOKEN, okta.* actions run against the embedded Okta sandbox."},
    mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "ACTION", description = "The action, as connector.action (see 'switchboard actions'), e.g. okta.list_users.")
  String action;

  @Option(names = {"-i", "--input"}, paramLabel = "NAME=VALUE", description = "An input; repeat for several. Typed as the action declares (integer, boolean...).")
  List<String> inputs = List.of();

  @Option(names = "--all", description = "Follow pagination to the last page (streamed page by page).")
  boolean all;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table, json, jsonl, csv, or schema (the JSON Schema inferred from the output) (default: table).", defaultValue = "table")
  String output;

  @Option(names = {"-v", "--verbose"}, description = "Log every HTTP request sent (method, URL, status, time, request id) on stderr; never headers or secrets.")
  boolean verbose;

  @Option(names = {"-y", "--yes"}, description = "Run a destructive action (delete, deactivate, suspend...) without asking first."
      + " Without a terminal to ask on, a destructive action runs only with --yes.")
  boolean yes;

  @Option(names = "--dry-run", description = "Print the request that would be sent (method, URL, headers, body; secrets"
      + " redacted) and send nothing. For a compound action: its steps, then its first request.")
  boolean dryRun;

  @Mixin
  DefinitionsOption definitions;

  @Override
  public Integer call() {
    Format format = Format.parse(output);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalSetup setup = new LocalSetup(main.env);
    Catalog catalog = setup.withInstances(definitions.catalog(main.env), err);
    int dot = action.indexOf('.');
    if (dot > 0 && catalog.find(action).isEmpty()) {
      setup.undeclaredInstance(catalog, action.substring(0, dot)).ifPresent(message -> {
        throw new Main.UsageException(message);
      });
    }
    ActionPlan plan = catalog.require(action);
    if (plan.definition().internal()) {
      List<String> users = catalog.actions().stream()
          .filter(a -> a.connector().name().equals(plan.connector().name()))
          .filter(a -> a.definition().steps().stream().anyMatch(st -> st.kind() instanceof dev.switchboard.core.definition.Step.Run r
              && r.action().equals(plan.definition().name())))
          .map(ActionPlan::id).toList();
      throw new Main.UsageException(action + " is an internal building block that runs only inside "
          + (users.isEmpty() ? "compound actions" : String.join(", ", users)) + ", after their checks; run "
          + (users.isEmpty() ? "one of those" : users.get(0)) + " instead");
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (String pair : inputs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new Main.UsageException("--input takes NAME=VALUE, such as --input limit=20; got '" + pair + "'");
      }
      String name = pair.substring(0, eq).strip();
      if (values.containsKey(name)) {
        throw new Main.UsageException("input '" + name + "' is given twice");
      }
      values.put(name, plan.parseInput(name, pair.substring(eq + 1)));
    }
    ObjectNode bound = plan.bind(values);
    if (all && !dryRun && plan.definition().pagination() instanceof dev.switchboard.core.definition.PaginationConfig.None) {
      err.println("switchboard: note: " + plan.id() + " does not paginate; --all changes nothing");
      err.flush();
    }
    if (plan.definition().annotations().destructive() && !yes && !dryRun
        && !ConfirmationPrompt.confirmed(plan, bound, main.interactive, main.stdin, err, s -> s)) {
      err.println("switchboard: " + plan.id() + " not run; nothing was sent");
      return Main.EXIT_FAILED;
    }
    try (LocalSetup.Sources sources = setup.sources(List.of(plan.connector()), err)) {
      Engine.Builder builder = Engine.builder(catalog).secrets(sources.secrets()).config(sources.config());
      if (dryRun) {
        try (Engine dry = builder.transport(DryRun.transport()).build()) {
          DryRun.print(dry, plan, values, bound, out);
        }
        err.println("switchboard: --dry-run: nothing was sent");
        return 0;
      }
      if (verbose) {
        builder.requestLog(line -> {
          err.println("switchboard: " + line);
          err.flush();
        });
      }
      try (Engine engine = builder.build();
          Stream<ActionResult> pages = engine.pages(plan, values, new CallOptions(new RetryNotes(plan, err)))) {
        Iterator<ActionResult> it = pages.iterator();
        OutputWriter writer = format.writer(out);
        long records = 0;
        int pageCount = 0;
        long rateLimitWaitMs = 0;
        long started = System.nanoTime();
        boolean progress = all && "true".equals(System.getProperty("switchboard.stderr.tty"));
        ActionResult last = null;
        try {
        while (it.hasNext()) {
          last = it.next();
          pageCount++;
          records += last.isList() ? last.output().size() : 1;
          rateLimitWaitMs += last.stats().rateLimitWaitMs();
          writer.page(last);
          if (progress) {
            err.print("\r" + pageCount + (pageCount == 1 ? " page, " : " pages, ") + records + " records, "
                + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9)
                + (rateLimitWaitMs > 0 ? String.format(java.util.Locale.ROOT, ", %.1f s waiting for rate limits", rateLimitWaitMs / 1e3) : "")
                + "   ");
            err.flush();
          }
          if (!all) {
            break;
          }
        }
        } finally {
          if (progress) {
            err.println();
          }
          writer.finish();
          out.flush();
        }
        out.flush();
        if (last != null && (last.output() == null || last.output().isNull() || last.output().isMissingNode()
            || (last.output().isObject() && last.output().isEmpty()))) {
          boolean nothing = last.output() == null || !last.output().isObject();
          err.println(plan.id() + ": done: " + plan.definition().title() + " succeeded (" + plan.connector().title()
              + " answered HTTP " + last.status() + (nothing ? " with no content" : " with an empty result {}") + ")");
        }
        if (last != null && last.isList()) {
          StringBuilder note = new StringBuilder().append(records).append(records == 1 ? " record" : " records");
          if (all) {
            note.append(" from ").append(pageCount).append(pageCount == 1 ? " page" : " pages");
          } else if (last.hasMore()) {
            note.append("; more exist: add --all to fetch every page").append(continuation(plan, last));
          }
          err.println(Main.printable(note.toString()));
        }
      }
    }
    return 0;
  }

  /**
   * Returns how to continue a listing from its last page, from the action's paginator: the input that takes the
   * cursor and its value, or that no input does (then only --all reaches the other pages).
   */
  static String continuation(ActionPlan plan, ActionResult last) {
    if (last.nextCursor().isEmpty()) {
      return "";
    }
    return plan.paginator().cursorInput()
        .map(input -> ", or continue with --input " + shellQuote(input) + "=" + shellQuote(last.nextCursor().get()))
        .orElse(" (no input of " + plan.id() + " takes its cursor, so a later run cannot continue from here)");
  }

  /** Quotes a word for a POSIX shell when it holds anything but letters, digits and {@code -_.=/:@%+,}. */
  static String shellQuote(String word) {
    if (word.matches("[A-Za-z0-9_\\-.=/:@%+,]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The output formats. */
  enum Format {
    TABLE, JSON, JSONL, CSV, SCHEMA;

    static Format parse(String text) {
      return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "table" -> TABLE;
        case "json" -> JSON;
        case "jsonl" -> JSONL;
        case "csv" -> CSV;
        case "schema" -> SCHEMA;
        default -> throw new Main.UsageException("--output must be table, json, jsonl, csv or schema; got '" + text + "'");
      };
    }

    OutputWriter writer(PrintWriter out) {
      return switch (this) {
        case TABLE -> new TableWriter(out);
        case JSON -> new JsonWriter(out);
        case JSONL -> new JsonLinesWriter(out);
        case CSV -> new CsvWriter(out);
        case SCHEMA -> new SchemaWriter(out);
      };
    }
  }
}
