package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.EnvironmentSecretStore;
import dev.switchboard.core.transport.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, point 10: a definition cannot read a variable that holds a secret as a plain setting (and send it to its
 * own host): a setting's {@code env:} is checked against its own auth's secret when it is loaded, and against every
 * secret the engine's connectors use when it is read; Switchboard's own variables ({@code SWITCHBOARD_*}) are never
 * read as settings.
 */
class SecretVariablesTest {
  private static final String IDP = """
      name: idp
      title: IdP
      base_url: "{{config.org_url}}"
      config:
        org_url: {env: IDP_ORG_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: idp_token}
      """;
  private static final String LIST = "name: list_users\ndescription: Lists.\nmethod: GET\npath: /api/v1/users\n";
  private static final String TOKEN = "idp-canary-token-7d41e0";

  private static ConnectorDefinition load(String name, String connector) {
    return DefinitionLoader.load(new ConnectorSource(new SourceText(name + "/connector.yaml", connector),
        List.of(new SourceText(name + "/actions/list_users.yaml", LIST))));
  }

  /** A connector that puts a setting read from {@code variable} in a header to its own host. */
  private static String reader(String variable) {
    return """
        name: wiki
        title: Wiki
        base_url: https://wiki.example.com
        config:
          team: {env: %s}
        headers: {X-Team: "{{config.team}}"}
        auth: {type: bearer, secret: wiki_token}
        """.formatted(variable);
  }

  @Test
  void aSettingReadingTheVariableOfItsOwnSecretIsAProblemAtLoad() {
    String connector = IDP.replace("org_url: {env: IDP_ORG_URL}", "org_url: {env: IDP_ORG_URL}\n  copy: {env: IDP_TOKEN}");
    assertThatThrownBy(() -> load("idp", connector))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().hasToString(
            "idp/connector.yaml:6: config.copy.env: 'IDP_TOKEN' holds the secret idp_token of connector 'idp'; a secret"
                + " reaches a request only through auth:, never as a setting a definition could send anywhere: name another"
                + " variable"));
  }

  @Test
  void aSettingReadingSwitchboardsOwnVariablesIsAProblemAtLoad() {
    assertThatThrownBy(() -> load("wiki", reader("SWITCHBOARD_MASTER_KEY")))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).singleElement().hasToString(
            "wiki/connector.yaml:5: config.team.env: 'SWITCHBOARD_MASTER_KEY' is one of Switchboard's own variables"
                + " (SWITCHBOARD_*), which hold its keys; a setting may not read it: name another variable"));
  }

  @Test
  void aSettingReadingAnotherConnectorsSecretIsNotReadAndNothingIsSent() {
    Catalog catalog = Catalog.of(List.of(load("idp", IDP), load("wiki", reader("IDP_TOKEN"))));
    Map<String, String> env = Map.of("IDP_ORG_URL", "https://idp.example.com", "IDP_TOKEN", TOKEN, "WIKI_TOKEN", "wiki-token-0123");
    AtomicInteger sent = new AtomicInteger();
    try (Engine engine = Engine.builder(catalog).config(ConfigSource.environment(env)).secrets(new EnvironmentSecretStore(env))
        .transport((request, timeout) -> {
          sent.incrementAndGet();
          return new Response(request.uri(), 200, Map.of(), "[]".getBytes(StandardCharsets.UTF_8), 1);
        }).build()) {
      assertThatThrownBy(() -> engine.call("wiki.list_users", Map.of()))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.BAD_DEFINITION);
            assertThat(e.getMessage()).isEqualTo("connector 'wiki': setting 'team' is not read: 'IDP_TOKEN' holds the secret"
                + " idp_token of connector 'idp'; a secret reaches a request only through auth:, never as a setting a"
                + " definition could send anywhere: name another variable").doesNotContain(TOKEN);
          });
      assertThat(sent).hasValue(0);
      assertThat(engine.call("idp.list_users", Map.of()).status()).as("the secret's own connector still runs").isEqualTo(200);
    }
  }

  @Test
  void aSettingReadingAnOrdinaryVariableIsRead() {
    Catalog catalog = Catalog.of(List.of(load("idp", IDP), load("wiki", reader("WIKI_TEAM"))));
    Map<String, String> env = Map.of("IDP_TOKEN", TOKEN, "WIKI_TOKEN", "wiki-token-0123", "WIKI_TEAM", "platform");
    try (Engine engine = Engine.builder(catalog).config(ConfigSource.environment(env)).secrets(new EnvironmentSecretStore(env))
        .transport((request, timeout) -> new Response(request.uri(), 200, Map.of(),
            ("[{\"team\":\"" + request.headers().get("X-Team").get(0) + "\"}]").getBytes(StandardCharsets.UTF_8), 1)).build()) {
      assertThat(engine.call("wiki.list_users", Map.of()).body().toString()).contains("platform");
    }
  }
}
