package dev.switchboard.studio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.mcp.tool.ActionTool;
import dev.switchboard.server.Services;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Agents: the MCP endpoint, configuration snippets to copy for Claude Desktop, VS Code and Cursor, agent keys with
 * their tool scopes (create one: its key is shown once, in that answer only; revoke), and the tools list exactly as
 * an agent with a given key sees it ({@code tools/list} at {@code /mcp} is computed by the same code).
 */
public final class AgentPages {
  private final Services services;
  private final Templates templates;

  AgentPages(Services services, Templates templates) {
    this.services = services;
    this.templates = templates;
  }

  /**
   * A tool as an agent sees it.
   *
   * @param name its name
   * @param title its title
   * @param description its description
   * @param annotations its hints (read-only, destructive, idempotent) in words
   * @param inputSchema its input schema, pretty-printed
   */
  public record ToolView(String name, String title, String description, String annotations, String inputSchema) {}

  /** The most tools the page shows at once; a filter by name narrows the rest. */
  public static final int SHOWN = 100;

  /**
   * The tools of one key as the page shows them.
   *
   * @param selected the key's name
   * @param filter the text tool names must contain (empty: every tool)
   * @param shown the first {@value #SHOWN} tools that match, in tools/list order
   * @param matching how many tools match in all
   * @param total how many tools the key sees in all
   * @param known false when no live key has that name (revoked, or never made)
   */
  public record ToolList(String selected, String filter, List<ToolView> shown, int matching, int total, boolean known) {}

  /**
   * The agents page.
   *
   * @param endpoint the MCP endpoint's URL
   * @param keys every key
   * @param selected the key whose tools are shown
   * @param tools those tools, at most {@value #SHOWN} of them
   * @param created a key just created: its name and, once, its secret
   * @param notice what the last step did
   */
  public record AgentsView(String endpoint, List<AccessKey> keys, String selected, ToolList tools, Optional<AccessKey.Created> created,
      Optional<Notice> notice) {
    /** {@return the live agent keys} */
    public List<AccessKey> agentKeys() {
      return keys.stream().filter(k -> k.role() == Role.AGENT && k.revokedAt().isEmpty()).toList();
    }

    /** The key the snippets carry: the one just created (in this answer only, as the key itself), or a placeholder. */
    private String key() {
      return created.map(AccessKey.Created::secret).orElse("<your agent key>");
    }

    /** {@return the Claude Desktop configuration (claude_desktop_config.json), through the mcp-remote bridge} */
    public String claude() {
      return "{\n  \"mcpServers\": {\n    \"switchboard\": {\n      \"command\": \"npx\",\n      \"args\": [\"-y\", \"mcp-remote\", \""
          + endpoint + "\", \"--header\", \"Authorization:${SWITCHBOARD_KEY}\"],\n      \"env\": {\"SWITCHBOARD_KEY\": \"Bearer " + key() + "\"}\n"
          + "    }\n  }\n}";
    }

    /** {@return the VS Code configuration (.vscode/mcp.json), asking for the key once} */
    public String vscode() {
      return "{\n  \"inputs\": [\n    {\"type\": \"promptString\", \"id\": \"switchboard-key\", \"description\": \"Switchboard agent key\","
          + " \"password\": true}\n  ],\n  \"servers\": {\n    \"switchboard\": {\n      \"type\": \"http\",\n      \"url\": \"" + endpoint
          + "\",\n      \"headers\": {\"Authorization\": \"Bearer ${input:switchboard-key}\"}\n    }\n  }\n}";
    }

    /** {@return the Cursor configuration (~/.cursor/mcp.json)} */
    public String cursor() {
      return "{\n  \"mcpServers\": {\n    \"switchboard\": {\n      \"url\": \"" + endpoint + "\",\n      \"headers\": {\"Authorization\":"
          + " \"Bearer " + key() + "\"}\n    }\n  }\n}";
    }
  }

  void addTo(RoutesConfig routes, StudioAccess access) {
    routes.get("/agents", access.page((ctx, visit) -> page(ctx, visit, Optional.empty(), Optional.empty())));
    routes.get("/agents/tools", access.page((ctx, visit) -> templates.render(ctx, "agent_tools.jte", "tools",
        tools(Optional.ofNullable(ctx.queryParam("key")).orElse(""), Optional.ofNullable(ctx.queryParam("q")).orElse("")))));
    routes.post("/agents/keys", access.page(this::create));
    routes.post("/agents/keys/{name}/revoke", access.page((ctx, visit) -> {
      Optional<Notice> notice;
      try {
        services.keys().revoke(visit.actor(), ctx.pathParam("name"));
        notice = Optional.of(Notice.ok("Key " + ctx.pathParam("name") + " revoked: it stops working at once."));
      } catch (RuntimeException e) {
        notice = Optional.of(Notice.of(e));
      }
      page(ctx, visit, Optional.empty(), notice);
    }));
  }

  private void create(Context ctx, Visit visit) {
    String name = ConnectorPages.form(ctx, "name");
    List<String> globs = new ArrayList<>(Arrays.stream(ConnectorPages.form(ctx, "tools").split("[\\s,]+")).filter(s -> !s.isEmpty()).toList());
    boolean readOnly = "true".equals(ctx.formParam("read_only"));
    try {
      AccessKey.Created created = services.keys().create(visit.actor(), name, Role.AGENT, globs, readOnly);
      List<String> warnings = services.keys().unmatched(globs);
      page(ctx, visit, Optional.of(created), Optional.of(Notice.ok("Key " + name + " created. Copy it now: it is shown only this once."
          + (warnings.isEmpty() ? "" : " Note: " + String.join("; ", warnings) + "."))));
    } catch (RuntimeException e) {
      Notice n = Notice.of(e);
      ctx.status(n.status());
      page(ctx, visit, Optional.empty(), Optional.of(n));
    }
  }

  private void page(Context ctx, Visit visit, Optional<AccessKey.Created> created, Optional<Notice> notice) {
    List<AccessKey> keys = services.keys().list();
    String selected = created.map(c -> c.key().name()).orElseGet(() -> keys.stream().filter(k -> k.role() == Role.AGENT && k.revokedAt().isEmpty())
        .map(AccessKey::name).findFirst().orElse(visit.actor()));
    String endpoint = ctx.scheme() + "://" + ctx.host() + "/mcp";
    templates.render(ctx, "agents.jte", "frame", Frame.of("Agents", "agents", visit), "view",
        new AgentsView(endpoint, keys, selected, tools(selected, ""), created, notice));
  }

  private ToolList tools(String keyName, String filter) {
    Optional<AccessKey> key = services.keys().list().stream().filter(k -> k.name().equals(keyName) && k.revokedAt().isEmpty()).findFirst();
    List<ToolView> out = new ArrayList<>();
    if (key.isEmpty()) {
      return new ToolList(keyName, filter, out, 0, 0, false);
    }
    String needle = filter.strip().toLowerCase(Locale.ROOT);
    int matching = 0;
    int total = 0;
    for (ActionTool t : services.keys().tools(key.get())) {
      total++;
      if (!needle.isEmpty() && !t.descriptor().name().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      if (++matching > SHOWN) {
        continue;
      }
      var d = t.descriptor();
      List<String> hints = new ArrayList<>();
      if (t.annotations().readOnly()) {
        hints.add("read-only");
      }
      if (t.annotations().destructive()) {
        hints.add("destructive: confirmed before it runs");
      }
      if (t.annotations().idempotent()) {
        hints.add("idempotent");
      }
      JsonNode schema = ActionForm.Json.MAPPER.valueToTree(d.inputSchema());
      String pretty;
      try {
        pretty = ActionForm.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema);
      } catch (IOException e) {
        pretty = schema.toString();
      }
      out.add(new ToolView(d.name(), d.title() == null ? "" : d.title(), d.description() == null ? "" : d.description(), String.join(", ", hints), pretty));
    }
    return new ToolList(keyName, filter, out, matching, total, true);
  }
}
