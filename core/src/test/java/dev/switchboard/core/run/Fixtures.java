package dev.switchboard.core.run;

import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.MapSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test connector shaped like Okta's (SSWS API key in Authorization, Link-header paging, Okta's error body and
 * request-id header declared as the Okta pack declares them) and engines wired to a server.
 */
final class Fixtures {
  static final String TOKEN = "canary-secret-00aBcDeF123456";

  /** Okta's error body and request-id header, as the Okta pack declares them. */
  static final String OKTA_ERRORS = """
      request_id_header: X-Okta-Request-Id
      errors:
        code: errorCode
        message: errorSummary
        causes: errorCauses[].errorSummary
        categories: {auth: [E0000005, E0000011], conflict: [E0000016, E0000038, E0000112]}
      """;

  /** Okta's rate-limit headers, as the Okta pack declares them (a rate_limit block). */
  static final String OKTA_RATE_LIMIT = """
      rate_limit:
        headers: {limit: X-Rate-Limit-Limit, remaining: X-Rate-Limit-Remaining, reset: X-Rate-Limit-Reset,
                  reset_format: epoch_seconds, zero_limit_is_concurrency: true}
      """;

  static final String CONNECTOR = """
      name: testorg
      title: TestOrg
      base_url: "{{config.org_url}}"
      config:
        org_url: {description: the org URL, env: TESTORG_ORG_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: testorg_api_token}
      """ + OKTA_ERRORS;

  /** The connector with extra top-level YAML (rate_limit, retry, timeouts, auth...) replacing or adding fields. */
  static String connector(String auth, String extra) {
    return """
        name: testorg
        title: TestOrg
        base_url: "{{config.org_url}}"
        config:
          org_url: {env: TESTORG_ORG_URL}
          client_id: {env: TESTORG_CLIENT_ID}
        """ + "auth: " + auth + "\n" + OKTA_ERRORS + extra;
  }

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

  /**
   * Writes and loads a connector directory.
   *
   * @param dir where to write it
   * @param connector the connector.yaml text
   * @param actions action names to their YAML
   * @return the compiled catalog
   */
  static Catalog catalog(Path dir, String connector, Map<String, String> actions) {
    try {
      Files.createDirectories(dir.resolve("actions"));
      Files.writeString(dir.resolve("connector.yaml"), connector);
      for (Map.Entry<String, String> a : actions.entrySet()) {
        Files.writeString(dir.resolve("actions/" + a.getKey() + ".yaml"), a.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Catalog.of(DefinitionLoader.loadDirectory(dir));
  }

  static Engine engine(Catalog catalog, String url, Map<String, String> secrets) {
    MapSecretStore store = new MapSecretStore("the test");
    secrets.forEach(store::put);
    return Engine.builder(catalog)
        .config(ConfigSource.of(Map.of("testorg", Map.of("org_url", url, "client_id", "0oaTestClient"))))
        .secrets(store)
        .build();
  }

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
