package dev.switchboard.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.importer.curl.CurlImport;
import dev.switchboard.server.ConnectorService;
import dev.switchboard.server.Services;
import dev.switchboard.server.TestService;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.DocumentVersion;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action editor: the form and the YAML side by side, each edit shown in the other (htmx posts the changed side
 * and the server answers the other, checked as the engine loads it); Import cURL (the import module); Test with
 * the inputs' examples; Generate output schema; Save with the version the edit was based on (a stale one is
 * answered with the conflict, naming who saved in between); versions with a diff and restore. Every rule is the
 * server's {@link Services}'.
 */
final class ActionPages {
  /** The text a new action starts from. */
  static final String NEW_ACTION = "name: new_action\ntitle: New action\nmethod: GET\npath: /\n";
  private static final int MAX_BODY_CHARS = 200_000;

  private final Services services;
  private final Templates templates;

  ActionPages(Services services, Templates templates) {
    this.services = services;
    this.templates = templates;
  }

  void addTo(RoutesConfig routes, StudioAccess access) {
    routes.get("/connectors/{connector}/actions/{action}", access.page(this::show));
    routes.post("/connectors/{connector}/actions/{action}/sync", access.page(this::sync));
    routes.post("/connectors/{connector}/actions/{action}/import", access.page(this::importCurl));
    routes.post("/connectors/{connector}/actions/{action}/test", access.page(this::test));
    routes.post("/connectors/{connector}/actions/{action}/schema", access.page(this::schema));
    routes.post("/connectors/{connector}/actions/{action}/save", access.page(this::save));
    routes.get("/connectors/{connector}/actions/{action}/diff", access.page(this::diff));
    routes.post("/connectors/{connector}/actions/{action}/restore", access.page(this::restore));
  }

  private void show(Context ctx, Visit visit) throws IOException {
    String connector = ctx.pathParam("connector");
    String action = ctx.pathParam("action");
    Editor editor;
    try {
      services.connectors().read(connector);
      if (action.equals("new")) {
        editor = editor(connector, "", 0, NEW_ACTION, "", Optional.empty(), List.of(), false);
      } else {
        Document d = services.connectors().file(connector, ConnectorService.actionFile(action));
        editor = editor(connector, action, d.version(), d.text(), "", Optional.empty(), List.of(), true);
      }
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      ctx.status(n.status());
      templates.render(ctx, "problem.jte", "frame", Frame.of("Not found", "connectors", visit), "notice", n);
      return;
    }
    templates.render(ctx, "action.jte", "frame", Frame.of((action.equals("new") ? "New action" : action) + " · " + connector, "connectors", visit),
        "editor", editor);
  }

  /** The form changed: answer the YAML (and the problems); or the YAML changed: answer the form. */
  private void sync(Context ctx, Visit visit) throws IOException {
    String connector = ctx.pathParam("connector");
    String action = saved(ctx);
    int base = ConnectorPages.parseInt(ctx.formParam("base_version"), 0);
    String yaml = Optional.ofNullable(ctx.formParam("yaml")).orElse("");
    String schema = Optional.ofNullable(ctx.formParam("output_schema")).orElse("");
    if ("yaml".equals(ctx.queryParam("from"))) {
      try {
        ActionForm.of(yaml);
      } catch (IOException e) {
        Editor bad = editor(connector, action, base, yaml, schema, Optional.of(new Notice("error", "The YAML does not parse: "
            + firstLine(e.getMessage()) + ". The form shows the last YAML that did.", Optional.of("yaml"), List.of(), 200)), List.of(), false);
        ctx.header("HX-Reswap", "none");
        templates.render(ctx, "action_problems.jte", "editor", bad, "oob", true);
        return;
      }
      templates.render(ctx, "action_fields.jte", "editor", editor(connector, action, base, yaml, schema, Optional.empty(), List.of(), false),
          "yamlOob", false, "problemsOob", true);
      return;
    }
    ActionForm form = ActionForm.of(ctx);
    String add = ctx.queryParam("add");
    if (add != null) {
      Editor e = editor(connector, action, base, form.applyTo(yaml), schema, Optional.empty(), List.of(), false);
      templates.render(ctx, "action_fields.jte", "editor", new Editor(e.connector(), e.action(), e.baseVersion(), e.form().withEmptyRow(add),
          e.yaml(), e.outputSchema(), e.notice(), e.problems(), e.versions(), e.findings()), "yamlOob", true, "problemsOob", true);
      return;
    }
    templates.render(ctx, "action_yaml.jte", "editor", editor(connector, action, base, form.applyTo(yaml), schema, Optional.empty(), List.of(), false),
        "oob", true);
  }

  private void importCurl(Context ctx, Visit visit) throws IOException {
    String connector = ctx.pathParam("connector");
    String action = saved(ctx);
    int base = ConnectorPages.parseInt(ctx.formParam("base_version"), 0);
    String command = Optional.ofNullable(ctx.formParam("curl")).orElse("");
    String yaml = Optional.ofNullable(ctx.formParam("yaml")).orElse(NEW_ACTION);
    Editor editor;
    try {
      ImportOptions options = ImportOptions.defaults().withConnector(connector);
      ImportResult result = CurlImport.run(command, options);
      ImportResult.ActionFile file = result.actions().get(0);
      List<Finding> findings = actionFindings(result.findings());
      if (!result.secrets().isEmpty()) {
        findings.add(Finding.leftToUser("credential", "the command held a credential; it was not kept here. Set it once in the"
            + " connector's auth config form, where it is stored encrypted"));
      } else if (findings.size() < result.findings().size()) {
        findings.add(Finding.ignored("auth", "the command's host and credential header are not part of the action: it is sent to this"
            + " connector's base URL and signed by its auth config"));
      }
      String text = file.yaml();
      String name = file.name();
      if (!action.isEmpty()) {
        name = action;
      } else {
        // A new action named like one the connector has (the guide's cURL is list_users, which the Okta pack has):
        // take a free name instead of a save that would be refused as a conflict with that action.
        List<String> taken = services.connectors().actions(connector).stream().map(d -> d.action().orElse("")).toList();
        if (taken.contains(name)) {
          String free = name + "_imported";
          for (int i = 2; taken.contains(free); i++) {
            free = name + "_imported_" + i;
          }
          findings.add(0, Finding.guessed("action " + free, "connector " + connector + " already has an action named " + name
              + ", which this import leaves alone; this one is named " + free + ": rename it in the Name field, or open "
              + name + " to change that one"));
          name = free;
        }
      }
      text = text.replaceFirst("(?m)^name: .*$", "name: " + name);
      editor = editor(connector, action, base, text, "", Optional.of(Notice.ok("Imported " + name + " from the cURL command: check the"
          + " form, then Test.")), findings, false);
    } catch (ImportException e) {
      editor = editor(connector, action, base, yaml, "", Optional.of(new Notice("error", "Cannot import: " + e.getMessage(),
          Optional.of("curl"), List.of(), 200)), List.of(), false);
    }
    templates.render(ctx, "action_editor.jte", "editor", editor);
  }

  /**
   * The import's findings that concern the action. The importer also reports on the connector it would create from
   * the command (its host as a setting, its auth scheme and secret, its name), with CLI commands to finish it; in the
   * studio the action goes into a connector that already exists, so those notes would send the user to set things
   * that are already set.
   */
  static List<Finding> actionFindings(List<Finding> findings) {
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      String subject = f.subject();
      boolean aboutConnector = subject.equals("auth") || subject.equals("base URL") || subject.startsWith("setting ")
          || subject.startsWith("secret ") || subject.startsWith("connector ");
      if (!aboutConnector) {
        kept.add(f);
      }
    }
    return kept;
  }

  private void test(Context ctx, Visit visit) {
    String connector = ctx.pathParam("connector");
    String yaml = Optional.ofNullable(ctx.formParam("yaml")).orElse("");
    String name;
    try {
      name = ActionForm.of(yaml).name();
      ConnectorService.actionFile(name);
    } catch (IOException | RuntimeException e) {
      templates.render(ctx, "notice.jte", "notice", new Notice("error", "Test needs an action whose YAML parses and names it (name:"
          + " lower-case letters, digits and '_').", Optional.empty(), List.of(), 200));
      return;
    }
    try {
      TestService.TestRun run = services.tests().test(visit.actor(), "studio", connector, name, ActionForm.examples(yaml), Optional.of(yaml));
      templates.render(ctx, "test_result.jte", "test", view(run, connector + "." + name));
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      templates.render(ctx, "notice.jte", "notice", n);
    }
  }

  /** Runs the action once more without its output mapping and drafts the mapping and schema from the body. */
  private void schema(Context ctx, Visit visit) throws IOException {
    String connector = ctx.pathParam("connector");
    String action = saved(ctx);
    int base = ConnectorPages.parseInt(ctx.formParam("base_version"), 0);
    String yaml = Optional.ofNullable(ctx.formParam("yaml")).orElse("");
    ActionForm form;
    try {
      form = ActionForm.of(yaml);
    } catch (IOException e) {
      templates.render(ctx, "notice.jte", "notice", new Notice("error", "The YAML does not parse; fix it first.", Optional.empty(), List.of(), 200));
      return;
    }
    ActionForm raw = new ActionForm(form.name(), form.title(), form.description(), form.method(), form.path(), form.query(), form.headers(),
        form.body(), form.inputs(), form.paginationType(), form.pagination(), "", "", form.readOnly());
    String rawYaml = raw.applyTo(yaml);
    Editor editor;
    try {
      TestService.TestRun run = services.tests().test(visit.actor(), "studio", connector, form.name(), ActionForm.examples(rawYaml),
          Optional.of(rawYaml));
      if (run.result().isEmpty()) {
        editor = editor(connector, action, base, yaml, "", Optional.of(new Notice("error", "The test failed, so there is no response to"
            + " draft from: " + run.error().map(Throwable::getMessage).orElse(""), Optional.empty(), List.of(), 200)), List.of(), false);
      } else {
        OutputDraft draft = OutputDraft.of(run.result().get().body());
        ActionForm drafted = new ActionForm(form.name(), form.title(), form.description(), form.method(), form.path(), form.query(),
            form.headers(), form.body(), form.inputs(), form.paginationType(), form.pagination(), draft.records(), draft.map(), form.readOnly());
        editor = editor(connector, action, base, drafted.applyTo(yaml), ActionForm.Json.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(draft.schema()), Optional.of(Notice.ok("Drafted the output mapping and its schema from the response"
            + " (status " + run.result().get().status() + "). Edit them, Test again, then Save.")), List.of(), false);
      }
    } catch (RuntimeException e) {
      editor = editor(connector, action, base, yaml, "", Optional.of(Notice.of(e)), List.of(), false);
    }
    templates.render(ctx, "action_editor.jte", "editor", editor);
  }

  private void save(Context ctx, Visit visit) throws IOException {
    String connector = ctx.pathParam("connector");
    String action = saved(ctx);
    int base = ConnectorPages.parseInt(ctx.formParam("base_version"), 0);
    String yaml = Optional.ofNullable(ctx.formParam("yaml")).orElse("");
    String schema = Optional.ofNullable(ctx.formParam("output_schema")).orElse("");
    String name;
    try {
      name = ActionForm.of(yaml).name();
    } catch (IOException e) {
      // Say what is wrong with the YAML (as the live check does), not that a name could not be read from it.
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
      Notice n = new Notice("error", "Not saved: the YAML is not valid: " + why.replaceAll("\\s+", " ").replace("in 'reader', line", "at line")
          .strip(), Optional.of("yaml"), List.of(), 422);
      ctx.status(n.status());
      Editor editor = editor(connector, action, base, yaml, schema, Optional.of(n), List.of(), true);
      templates.render(ctx, "action_editor.jte", "editor", editor);
      return;
    }
    try {
      String file = ConnectorService.actionFile(name);
      ConnectorService.Saved saved = services.connectors().save(visit.actor(), connector, file, yaml, name.equals(action) ? base : 0);
      if (!name.equals(action)) {
        ctx.header("HX-Redirect", "/connectors/" + connector + "/actions/" + name);
        ctx.status(204);
        return;
      }
      Editor editor = editor(connector, name, saved.document().version(), saved.document().text(), schema,
          Optional.of(Notice.ok("Saved version " + saved.document().version() + ". It is an MCP tool now: " + toolName(connector, name) + ".")),
          List.of(), true);
      templates.render(ctx, "action_editor.jte", "editor", editor);
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      ctx.status(n.status());
      Editor editor = editor(connector, action, base, yaml, schema, Optional.of(n), List.of(), true);
      templates.render(ctx, "action_editor.jte", "editor", new Editor(editor.connector(), editor.action(), editor.baseVersion(),
          editor.form(), editor.yaml(), editor.outputSchema(), editor.notice(), n.problems(), editor.versions(), editor.findings()));
    }
  }

  private void diff(Context ctx, Visit visit) {
    String connector = ctx.pathParam("connector");
    String file = ConnectorService.actionFile(ctx.pathParam("action"));
    int from = ConnectorPages.parseInt(ctx.queryParam("from"), 1);
    int to = ConnectorPages.parseInt(ctx.queryParam("to"), from);
    try {
      templates.render(ctx, "diff.jte", "from", from, "to", to, "lines", services.connectors().diff(connector, file, from, to).lines().toList());
    } catch (RuntimeException e) {
      templates.render(ctx, "notice.jte", "notice", Notice.of(e));
    }
  }

  private void restore(Context ctx, Visit visit) throws IOException {
    String connector = ctx.pathParam("connector");
    String action = ctx.pathParam("action");
    try {
      services.connectors().restore(visit.actor(), connector, ConnectorService.actionFile(action),
          ConnectorPages.parseInt(ctx.formParam("version"), 0), ConnectorPages.parseInt(ctx.formParam("base_version"), 0));
      ctx.header("HX-Redirect", "/connectors/" + connector + "/actions/" + action);
      ctx.status(204);
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      ctx.status(n.status());
      templates.render(ctx, "notice.jte", "notice", n);
    }
  }

  /** Builds the editor's model, checking the action as the engine would load it with the saved connector. */
  private Editor editor(String connector, String action, int base, String yaml, String schema, Optional<Notice> notice, List<Finding> findings,
      boolean withVersions) throws IOException {
    ActionForm form;
    try {
      form = ActionForm.of(yaml);
    } catch (IOException e) {
      form = ActionForm.of(NEW_ACTION);
    }
    List<Problem> problems = List.of();
    if (!asSaved(connector, action, form.name(), yaml)) {
      try {
        ConnectorService.actionFile(form.name());
        Map<String, String> actions = new LinkedHashMap<>();
        actions.put(form.name(), yaml);
        problems = services.connectors().validate(connector, Optional.empty(), actions).problems();
      } catch (RuntimeException e) {
        problems = List.of(new Problem(connector + "/actions/?.yaml", 0, "name", e.getMessage()));
      }
    }
    List<DocumentVersion> versions = List.of();
    if (withVersions && !action.isEmpty()) {
      try {
        versions = services.connectors().history(connector, ConnectorService.actionFile(action));
      } catch (RuntimeException e) {
        versions = List.of();
      }
    }
    return new Editor(connector, action, base, form, yaml, schema, notice, problems, versions, findings);
  }

  /** Tells whether an action's text is the saved one of a connector that loads with it: then there is nothing to check again. */
  private boolean asSaved(String connector, String action, String name, String yaml) {
    if (action.isEmpty() || !action.equals(name) || services.connectors().compiled(connector)
        .flatMap(d -> d.actions().stream().filter(a -> a.name().equals(action)).findFirst()).isEmpty()) {
      return false;
    }
    try {
      return services.connectors().file(connector, ConnectorService.actionFile(action)).text().equals(yaml);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String saved(Context ctx) {
    String a = ctx.pathParam("action");
    return a.equals("new") ? "" : a;
  }

  static String toolName(String connector, String action) {
    return (connector + "_" + action).replaceAll("[^a-zA-Z0-9_-]", "_");
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    return m.lines().findFirst().orElse(m);
  }

  /** {@return a test's result as shown} */
  static Views.TestView view(TestService.TestRun run, String action) {
    String runId = run.runId().orElse("");
    if (run.result().isPresent()) {
      ActionResult ok = run.result().get();
      Map<String, String> headers = new LinkedHashMap<>();
      ok.headers().forEach((n, v) -> headers.put(n, String.join(", ", v)));
      return new Views.TestView(true, ok.status(), ok.durationMs(), headers, pretty(ok.body()), pretty(ok.output()), "", "", "", "", runId, action);
    }
    ActionError e = run.error().orElseThrow();
    return new Views.TestView(false, e.status(), run.durationMs(), Map.of(), "", "", e.category().wireName(), e.errorCode().orElse(""),
        e.errorSummary().orElse(""), e.getMessage(), runId, action);
  }

  private static String pretty(JsonNode node) {
    try {
      String s = ActionForm.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
      return s.length() > MAX_BODY_CHARS ? s.substring(0, MAX_BODY_CHARS) + "\n... (cut at " + MAX_BODY_CHARS + " characters)" : s;
    } catch (IOException e) {
      return node.toString();
    }
  }
}
