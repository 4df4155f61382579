package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.definition.ConfigVariable;
import dev.switchboard.core.definition.ConnectorSource;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a new user is told when a setting or secret is given in a shape the service cannot take; nothing is sent. */
class SettingsMessagesTest {
  private static final String CONNECTOR = """
      name: idp
      title: IdP
      base_url: "{{config.org_url}}"
      config:
        org_url: {description: your org URL, env: IDP_ORG_URL}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: idp_token}
      """;
  private static final String LIST = "name: list_users\ndescription: Lists.\nmethod: GET\npath: /api/v1/users\n";
  private final AtomicInteger sent = new AtomicInteger();

  private Engine engine(Map<String, String> env) {
    return engine(CONNECTOR, env);
  }

  private Engine engine(String connector, Map<String, String> env) {
    Catalog catalog = Catalog.of(List.of(DefinitionLoader.load(new ConnectorSource(new SourceText("idp/connector.yaml", connector),
        List.of(new SourceText("idp/actions/list_users.yaml", LIST))))));
    return Engine.builder(catalog).config(ConfigSource.environment(env)).secrets(new EnvironmentSecretStore(env))
        .transport((request, timeout) -> {
          sent.incrementAndGet();
          return new Response(request.uri(), 200, Map.of(), "[]".getBytes(StandardCharsets.UTF_8), 1);
        }).build();
  }

  @Test
  void anOrgUrlEndingInThePathTheActionsStartWithSaysToDropIt() {
    Engine engine = engine(Map.of("IDP_ORG_URL", "https://acme.example.com/api/v1/", "IDP_TOKEN", "00abc"));
    assertThatThrownBy(() -> engine.call("idp.list_users", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
          assertThat(e.getMessage()).isEqualTo("connector 'idp': the base URL https://acme.example.com/api/v1/ ends with"
              + " /api/v1, which the actions' paths already start with (such as /api/v1/users), so requests would go to"
              + " /api/v1/api/v1/users: drop /api/v1 and give https://acme.example.com; the base URL comes from"
              + " environment variable IDP_ORG_URL");
        });
    assertThat(sent).hasValue(0);
  }

  @Test
  void aKeyPastedWithTheSchemeTheFormatAddsSaysToDropItWithoutShowingIt() {
    Engine engine = engine(Map.of("IDP_ORG_URL", "https://acme.example.com", "IDP_TOKEN", "SSWS 00abcdef"));
    assertThatThrownBy(() -> engine.call("idp.list_users", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION);
          assertThat(e.getMessage()).isEqualTo("environment variable IDP_TOKEN starts with 'SSWS ', which Switchboard adds"
              + " itself (it sends Authorization: SSWS <key>): keep only the key after 'SSWS '");
        });
    assertThat(sent).hasValue(0);
  }

  @Test
  void aBearerTokenPastedWithBearerSaysToDropIt() {
    String bearer = CONNECTOR.replace("{type: api_key, placement: header, header: Authorization, format: \"SSWS {{secret}}\", secret: idp_token}",
        "{type: bearer, secret: idp_token}");
    Engine engine = engine(bearer, Map.of("IDP_ORG_URL", "https://acme.example.com", "IDP_TOKEN", "bearer eyJabc.def"));
    assertThatThrownBy(() -> engine.call("idp.list_users", Map.of()))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.getMessage())
            .isEqualTo("environment variable IDP_TOKEN starts with 'Bearer ', which Switchboard adds itself (it sends"
                + " Authorization: Bearer <key>): keep only the key after 'Bearer '"));
    assertThat(sent).hasValue(0);
  }

  @Test
  void aChainOfSourcesDescribesEachPlaceItLooks() {
    ConfigVariable withEnv = new ConfigVariable("org_url", "", Optional.of("IDP_ORG_URL"), Optional.empty());
    ConfigVariable withoutEnv = new ConfigVariable("workspace", "", Optional.empty(), Optional.empty());
    ConfigSource file = new ConfigSource() {
      @Override
      public Optional<String> value(String connector, ConfigVariable variable) {
        return Optional.empty();
      }

      @Override
      public String describe(String connector, ConfigVariable variable) {
        return "the file";
      }
    };
    ConfigSource chain = ConfigSource.of(Map.of()).orElse(ConfigSource.environment(Map.of())).orElse(file);
    assertThat(chain.describe("idp", withEnv)).isEqualTo("environment variable IDP_ORG_URL or the file");
    assertThat(chain.describe("idp", withoutEnv)).isEqualTo("the file");
    assertThat(ConfigSource.environment(Map.of()).describe("idp", withoutEnv)).isEqualTo(ConfigSource.NOWHERE);
  }
}
