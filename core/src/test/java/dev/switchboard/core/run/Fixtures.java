package dev.switchboard.core.run;

import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.MapSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A test connector shaped like Okta's (SSWS API key in Authorization, Link-header paging) and engines wired to a server. */
final class Fixtures {
  static final String TOKEN = "canary-secret-00aBcDeF123456";

  static final String CONNECTOR = """
      name: testorg
      title: TestOrg
      base_url: "{{config.org_url}}"
      config:
        org_url: {description: the org URL, env: TESTORG_ORG_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: testorg_api_token}
      """;

  static final String LIST_USERS = """
      description: Lists users.
      method: GET
      path: /api/v1/users
      query: {q: "{{q}}", search: "{{search}}", limit: "{{limit}}", after: "{{after}}"}
      inputs:
        q: {type: string}
        search: {type: string}
        limit: {type: integer, minimum: 1, maximum: 200, default: 200}
        after: {type: string}
      pagination: {type: link_header, cursor_param: after, limit_param: limit}
      output: {records: "@", map: "{id: id, login: profile.login}"}
      """;

  static final String GET_USER = """
      description: Gets a user.
      method: GET
      path: /api/v1/users/{{id}}
      headers: {X-Trace: "{{trace}}"}
      inputs:
        id: {type: string, required: true}
        trace: {type: string}
      """;

  private Fixtures() {}

  static Catalog catalog(Path dir) {
    try {
      Files.createDirectories(dir.resolve("actions"));
      Files.writeString(dir.resolve("connector.yaml"), CONNECTOR);
      Files.writeString(dir.resolve("actions/list_users.yaml"), LIST_USERS);
      Files.writeString(dir.resolve("actions/get_user.yaml"), GET_USER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Catalog.of(DefinitionLoader.loadDirectory(dir));
  }

  static Engine engine(Path dir, String url, String token) {
    return Engine.builder(catalog(dir))
        .config(ConfigSource.of(Map.of("testorg", Map.of("org_url", url))))
        .secrets(new MapSecretStore("the test").put("testorg_api_token", token))
        .build();
  }
}
