package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.server.ConnectorService;
import dev.switchboard.server.Services;
import dev.switchboard.server.TestService;
import dev.switchboard.workspace.ConnectorSummary;
import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Run;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connectors: the list (filtered, 50 a page, each with its last run), creating one from scratch or from a pack, and
 * a connector's page: its settings, its auth config form drawn from the definition schema with its credential
 * (write-only: a "replace" field, never the value), Test connection, and its actions. Every change goes through the
 * server's {@link Services}.
 */
final class ConnectorPages {
  private static final Pattern CONFIG_VARIABLE = Pattern.compile("\\{\\{\\s*config\\.([A-Za-z0-9_]+)\\s*}}");
  /** Connectors per page of the list. */
  static final int PAGE_SIZE = 50;

  private final Services services;
  private final Templates templates;

  ConnectorPages(Services services, Templates templates) {
    this.services = services;
    this.templates = templates;
  }

  void addTo(RoutesConfig routes, StudioAccess access) {
    routes.get("/connectors", access.page(this::list));
    routes.get("/connectors/new", access.page((ctx, visit) -> templates.render(ctx, "connector_new.jte", "frame",
        Frame.of("New connector", "connectors", visit), "packs", services.connectors().packs(), "kinds", authKinds(),
        "auth", authDefaults(), "notice", Optional.empty(), "values", Map.of())));
    routes.post("/connectors", access.page(this::create));
    routes.get("/connectors/{connector}", access.page(this::show));
    routes.get("/connectors/{connector}/auth-fields", access.page((ctx, visit) -> {
      String type = Optional.ofNullable(ctx.queryParam("auth_type")).orElse("api_key");
      templates.render(ctx, "auth_fields.jte", "kind", kind(type), "values", Map.of(), "type", type);
    }));
    routes.post("/connectors/{connector}/auth", access.page(this::saveAuth));
    routes.post("/connectors/{connector}/settings", access.page(this::saveSettings));
    routes.post("/connectors/{connector}/test-connection", access.page(this::testConnection));
  }

  private void list(Context ctx, Visit visit) {
    String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip().toLowerCase(Locale.ROOT);
    int page = Math.max(1, parseInt(ctx.queryParam("page"), 1));
    List<ConnectorSummary> all = services.connectors().list().stream().filter(s -> q.isEmpty() || s.connector().contains(q)
        || services.connectors().compiled(s.connector()).map(d -> d.title().toLowerCase(Locale.ROOT).contains(q)).orElse(false)).toList();
    int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    page = Math.min(page, pages);
    List<ConnectorSummary> shown = all.subList((page - 1) * PAGE_SIZE, Math.min(all.size(), page * PAGE_SIZE));
    Map<String, Run> latest = services.history().latestRuns(shown.stream().map(ConnectorSummary::connector).toList());
    List<Views.ConnectorRow> rows = new ArrayList<>();
    for (ConnectorSummary s : shown) {
      Optional<ConnectorDefinition> d = services.connectors().compiled(s.connector());
      rows.add(new Views.ConnectorRow(s.connector(), d.map(ConnectorDefinition::title).orElse(s.connector()),
          d.map(c -> authWords(c.auth().getClass().getSimpleName())).orElse("-"), s.actions(), d.isPresent(),
          Optional.ofNullable(latest.get(s.connector())), s.savedBy(), s.savedAt()));
    }
    Views.ConnectorList model = new Views.ConnectorList(rows, q, page, pages, all.size());
    if (ctx.header("HX-Request") != null && "connector-rows".equals(ctx.header("HX-Target"))) {
      templates.render(ctx, "connector_rows.jte", "list", model);
      return;
    }
    templates.render(ctx, "connectors.jte", "frame", Frame.of("Connectors", "connectors", visit), "list", model);
  }

  private void create(Context ctx, Visit visit) {
    String name = form(ctx, "name");
    String pack = form(ctx, "pack");
    try {
      if (!pack.isEmpty()) {
        services.connectors().create(visit.actor(), name, Optional.empty(), Optional.of(pack), Map.of());
      } else {
        String type = Optional.ofNullable(ctx.formParam("auth_type")).orElse("api_key");
        ObjectNode auth = AuthEdit.auth(type, fields(ctx));
        ObjectNode root = AuthEdit.YAML.createObjectNode().put("name", name);
        if (!form(ctx, "title").isEmpty()) {
          root.put("title", form(ctx, "title"));
        }
        root.put("base_url", form(ctx, "base_url"));
        root.set("auth", auth);
        services.connectors().create(visit.actor(), name, Optional.of(AuthEdit.text(root)), Optional.empty(), Map.of());
        String value = Optional.ofNullable(ctx.formParam("credential_value")).orElse("");
        Optional<String> secret = AuthEdit.secret(auth);
        if (!value.isEmpty() && secret.isPresent()) {
          services.credentials().set(visit.actor(), name, secret.get(), value);
        }
      }
    } catch (RuntimeException e) {
      Notice notice = Notice.of(e);
      Map<String, String> values = fields(ctx);
      values.remove("credential_value");
      ctx.status(notice.status());
      templates.render(ctx, "connector_new.jte", "frame", Frame.of("New connector", "connectors", visit), "packs",
          services.connectors().packs(), "kinds", authKinds(), "auth", kind(Optional.ofNullable(ctx.formParam("auth_type")).orElse("api_key")),
          "notice", Optional.of(notice), "values", values);
      return;
    }
    ctx.redirect("/connectors/" + name, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, Visit visit) {
    Views.ConnectorPage page;
    try {
      page = page(ctx.pathParam("connector"), Optional.empty(), Optional.empty());
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      ctx.status(n.status());
      templates.render(ctx, "problem.jte", "frame", Frame.of("Not found", "connectors", visit), "notice", n);
      return;
    }
    templates.render(ctx, "connector.jte", "frame", Frame.of(page.title(), "connectors", visit), "page", page);
  }

  Views.ConnectorPage page(String name, Optional<Notice> authNotice, Optional<Notice> settingsNotice) {
    ConnectorService.Connector c = services.connectors().read(name);
    Optional<ConnectorDefinition> d = services.connectors().compiled(name);
    List<Views.ActionRow> actions = new ArrayList<>();
    for (Document f : c.actions()) {
      String action = f.action().orElseThrow();
      Optional<ActionDefinition> a = d.flatMap(x -> x.actions().stream().filter(y -> y.name().equals(action)).findFirst());
      boolean compound = a.map(ActionDefinition::compound).orElse(false);
      actions.add(new Views.ActionRow(action, a.map(ActionDefinition::title).orElse(action),
          compound ? "" : a.map(ActionDefinition::method).orElse(""),
          compound ? a.get().steps().size() + " steps" : a.map(x -> x.path().source()).orElse(""), f.version(), f.savedBy(), f.savedAt()));
    }
    JsonNode root = readYaml(c.file().text());
    boolean sandbox = d.flatMap(ConnectorDefinition::sandbox).isPresent() && c.settings().isEmpty() && c.credentials().isEmpty();
    String baseUrl = root.path("base_url").asText("");
    return new Views.ConnectorPage(name, d.map(ConnectorDefinition::title).orElse(root.path("title").asText(name)),
        d.map(ConnectorDefinition::description).orElse(root.path("description").asText("")), baseUrl,
        sandbox ? baseUrl : withSettings(baseUrl, c.settings()), d.isPresent(), sandbox,
        actions, settings(c, d, settingsNotice), auth(c, authNotice), d.flatMap(def -> connectionTest(def, c.file().text()))
            .map(t -> t.action().name()));
  }

  /** A template with each {@code {{config.name}}} replaced by the setting's value, or by "(name not set)". */
  static String withSettings(String template, Map<String, String> settings) {
    Matcher m = CONFIG_VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = settings.getOrDefault(m.group(1), "").strip();
      m.appendReplacement(out, Matcher.quoteReplacement(v.isEmpty() ? "(" + m.group(1) + " not set)" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Views.SettingsSection settings(ConnectorService.Connector c, Optional<ConnectorDefinition> d, Optional<Notice> notice) {
    List<Views.SettingRow> rows = new ArrayList<>();
    d.ifPresent(def -> def.config().values().forEach((ConfigVariable v) -> rows.add(new Views.SettingRow(v.name(), v.description(),
        v.example().orElse(""), c.settings().getOrDefault(v.name(), "")))));
    return new Views.SettingsSection(c.name(), c.settingsVersion(), rows, notice);
  }

  private Views.AuthSection auth(ConnectorService.Connector c, Optional<Notice> notice) {
    ObjectNode auth = AuthEdit.current(c.file().text());
    String type = AuthEdit.formType(auth);
    Map<String, String> values = new LinkedHashMap<>();
    auth.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isArray() ? join(e.getValue()) : e.getValue().asText()));
    String secret = AuthEdit.secret(auth).orElse("");
    Optional<Credential> credential = c.credentials().stream().filter(x -> x.name().equals(secret)).findFirst();
    return new Views.AuthSection(c.name(), c.file().version(), type, authKinds(), kind(type), values, secret, credential, notice);
  }

  private void saveAuth(Context ctx, Visit visit) {
    String name = ctx.pathParam("connector");
    Optional<Notice> notice;
    try {
      String type = Optional.ofNullable(ctx.formParam("auth_type")).orElse("api_key");
      ObjectNode auth = AuthEdit.auth(type, fields(ctx));
      Document current = services.connectors().read(name).file();
      int base = parseInt(ctx.formParam("base_version"), current.version());
      String text = AuthEdit.replace(current.text(), auth);
      List<String> done = new ArrayList<>();
      if (!text.equals(current.text()) || base != current.version()) {
        services.connectors().save(visit.actor(), name, Document.CONNECTOR_FILE, text, base);
        done.add("auth config saved");
      }
      String value = Optional.ofNullable(ctx.formParam("credential_value")).orElse("");
      Optional<String> secret = AuthEdit.secret(auth);
      if (!value.isEmpty() && secret.isPresent()) {
        services.credentials().set(visit.actor(), name, secret.get(), value);
        done.add("credential " + secret.get() + " stored encrypted");
      }
      notice = Optional.of(Notice.ok(done.isEmpty() ? "Nothing changed." : capitalized(String.join("; ", done)) + "."));
    } catch (RuntimeException e) {
      notice = Optional.of(Notice.of(e));
    }
    Views.ConnectorPage page = page(name, notice, Optional.empty());
    ctx.status(notice.get().status());
    templates.render(ctx, "auth_section.jte", "auth", page.auth(), "csrf", visit.csrf());
  }

  private void saveSettings(Context ctx, Visit visit) {
    String name = ctx.pathParam("connector");
    Optional<Notice> notice;
    try {
      Map<String, String> values = new LinkedHashMap<>();
      ctx.formParamMap().forEach((k, v) -> {
        if (k.startsWith("setting.") && !v.isEmpty() && !v.get(0).isBlank()) {
          values.put(k.substring("setting.".length()), v.get(0).strip());
        }
      });
      services.connectors().saveSettings(visit.actor(), name, values, parseInt(ctx.formParam("base_version"), 0));
      notice = Optional.of(Notice.ok("Settings saved."));
    } catch (RuntimeException e) {
      notice = Optional.of(Notice.of(e));
    }
    Views.ConnectorPage page = page(name, Optional.empty(), notice);
    ctx.status(notice.get().status());
    templates.render(ctx, "settings_section.jte", "settings", page.settings(), "csrf", visit.csrf());
  }

  private void testConnection(Context ctx, Visit visit) {
    String name = ctx.pathParam("connector");
    Optional<ConnectorDefinition> d = services.connectors().compiled(name);
    Optional<ConnectionTest> test;
    try {
      test = d.flatMap(def -> ConnectionTest.of(def, services.connectors().read(name).file().text()));
    } catch (IllegalArgumentException e) {
      templates.render(ctx, "notice.jte", "notice", new Notice("error", e.getMessage(), Optional.of("connection_test"), List.of(), 200));
      return;
    }
    if (test.isEmpty()) {
      templates.render(ctx, "notice.jte", "notice", new Notice("error", d.isEmpty() ? "The connector does not load, so it cannot be"
          + " tested: fix its definition first." : "This connector has no action to test the connection with: add a read-only action"
          + " that needs no inputs (such as a listing), or name one with connection_test in connector.yaml.", Optional.empty(), List.of(), 200));
      return;
    }
    TestService.TestRun run = services.tests().test(visit.actor(), "studio", name, test.get().action().name(), test.get().inputs(),
        Optional.empty());
    templates.render(ctx, "test_result.jte", "test", ActionPages.view(run, name + "." + test.get().action().name()));
  }

  private static Optional<ConnectionTest> connectionTest(ConnectorDefinition d, String yaml) {
    try {
      return ConnectionTest.of(d, yaml);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Map<String, String> authKinds() {
    Map<String, String> out = new LinkedHashMap<>();
    for (SchemaForm.Kind k : SchemaForm.authKinds()) {
      out.put(k.type(), k.title());
      if (k.type().equals("oauth2_client_credentials")) {
        out.put(AuthEdit.PRIVATE_KEY_JWT, "OAuth 2.0 private_key_jwt (a JWT signed with your private key)");
      }
    }
    return out;
  }

  static SchemaForm.Kind kind(String type) {
    String schemaType = type.equals(AuthEdit.PRIVATE_KEY_JWT) ? "oauth2_client_credentials" : type;
    SchemaForm.Kind k = SchemaForm.authKind(schemaType).orElseGet(() -> SchemaForm.authKind("api_key").orElseThrow());
    if (type.equals(AuthEdit.PRIVATE_KEY_JWT)) {
      return new SchemaForm.Kind(type, "OAuth 2.0 private_key_jwt", k.description(), k.fields().stream()
          .filter(f -> !f.name().equals("client_auth")).toList());
    }
    if (schemaType.equals("oauth2_client_credentials")) {
      return new SchemaForm.Kind(k.type(), k.title(), k.description(), k.fields().stream()
          .filter(f -> !f.name().equals("algorithm") && !f.name().equals("key_id")).map(f -> f.name().equals("client_auth")
              ? new SchemaForm.Field(f.name(), f.label(), f.description(), f.options().stream().filter(o -> !o.equals("private_key_jwt")).toList(),
                  f.defaultValue(), f.example(), f.required(), f.secretName()) : f).toList());
    }
    return k;
  }

  private static SchemaForm.Kind authDefaults() {
    return kind("api_key");
  }

  private static String authWords(String simpleName) {
    return switch (simpleName) {
      case "ApiKey" -> "API key";
      case "Basic" -> "Basic";
      case "Bearer" -> "Bearer token";
      case "OAuth2ClientCredentials" -> "OAuth 2.0";
      case "None" -> "None";
      default -> simpleName;
    };
  }

  /** {@return the auth form's fields: every form field but the session's and the credential's} */
  private static Map<String, String> fields(Context ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> {
      if (k.startsWith("auth.") && !v.isEmpty()) {
        out.put(k.substring(5), v.get(0));
      } else if (!k.equals(StudioAccess.CSRF_FIELD) && !k.equals("credential_value") && !v.isEmpty()) {
        out.put(k, v.get(0));
      }
    });
    return out;
  }

  static String form(Context ctx, String name) {
    return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
  }

  static int parseInt(String text, int otherwise) {
    try {
      return text == null || text.isBlank() ? otherwise : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(x -> parts.add(x.asText()));
    return String.join(" ", parts);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static JsonNode readYaml(String text) {
    try {
      JsonNode n = AuthEdit.YAML.readTree(text);
      return n == null ? AuthEdit.YAML.createObjectNode() : n;
    } catch (java.io.IOException e) {
      return AuthEdit.YAML.createObjectNode();
    }
  }
}
