package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.DocumentRepository;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whole workspace's definitions as a folder of YAML: export ({@code {"files": {"okta/connector.yaml": "..."}}},
 * the texts exactly as saved) and import (the same shape; the workspace becomes the folder, every connector checked
 * as the engine loads it before anything is written, all in one transaction). Credentials, keys, runs and audit
 * are never exported.
 */
final class WorkspaceRoutes {
  /**
   * The shape of a file's path in an exported workspace: {@code <connector>/connector.yaml}, {@code settings.yaml} or
   * {@code actions/<action>.yaml} (the names themselves are the workspace's to check, with its own messages).
   */
  private static final Pattern FILE_PATH = Pattern.compile("(?!\\.\\.?/)[^/\\s]+/(connector\\.yaml|settings\\.yaml|actions/"
      + "(?!\\.\\.?\\.yaml)[^/\\s]+\\.yaml)");

  private final ConnectorService connectors;

  WorkspaceRoutes(ConnectorService connectors) {
    this.connectors = connectors;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.get("/api/workspace/export", access.admin((ctx, caller) -> {
      ObjectNode o = Json.MAPPER.createObjectNode();
      ObjectNode files = o.putObject("files");
      for (Document d : connectors.export(caller.name())) {
        files.put(d.path(), d.text());
      }
      Json.write(ctx, o);
    }));
    routes.post("/api/workspace/import", access.admin((ctx, caller) -> {
      ObjectNode body = Json.body(ctx, "files");
      if (!body.hasNonNull("files")) {
        throw ApiProblem.badRequest("files", "the body needs 'files', an object of paths such as okta/connector.yaml to their"
            + " YAML text (as GET /api/workspace/export gives); an import makes the workspace exactly those files");
      }
      ObjectNode files = Json.object(body, "files");
      if (files.isEmpty()) {
        throw ApiProblem.badRequest("files", "'files' is empty: importing no files would delete every connector, action,"
            + " setting and credential; to remove connectors, DELETE /api/connectors/{connector}");
      }
      Map<String, Map<String, String>> folder = new TreeMap<>();
      files.fields().forEachRemaining(e -> {
        String path = e.getKey();
        if (!FILE_PATH.matcher(path).matches()) {
          String shown = path.length() > 80 ? path.substring(0, 80) + "..." : path;
          throw ApiProblem.badRequest("files", "the path '" + shown.replaceAll("\\p{Cntrl}", "?") + "' in 'files' is not a"
              + " workspace file: use <connector>/connector.yaml, <connector>/settings.yaml or"
              + " <connector>/actions/<action>.yaml (such as okta/actions/list_users.yaml)");
        }
        if (!e.getValue().isTextual()) {
          throw ApiProblem.badRequest("files." + path, "'files." + path + "' must be the file's YAML text, a JSON string;"
              + " got " + (e.getValue().isObject() ? "an object" : e.getValue().isArray() ? "an array" : e.getValue().getNodeType()
              .name().toLowerCase(java.util.Locale.ROOT)));
        }
        int slash = path.indexOf('/');
        folder.computeIfAbsent(path.substring(0, slash), k -> new LinkedHashMap<>()).put(path.substring(slash + 1), e.getValue().asText());
      });
      DocumentRepository.ImportSummary summary = connectors.replaceAll(caller.name(), folder);
      Json.write(ctx, Json.MAPPER.createObjectNode().put("created", summary.created()).put("changed", summary.changed())
          .put("deleted", summary.deleted()).put("unchanged", summary.unchanged()));
    }));
  }
}
