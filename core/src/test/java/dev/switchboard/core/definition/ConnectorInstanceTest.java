package dev.switchboard.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.secret.EnvironmentSecretStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An instance of a pack: its own name, title, secrets and environment variables; no sandbox. */
class ConnectorInstanceTest {
  private static final String OKTA = """
      name: okta
      title: Okta
      base_url: "{{config.org_url}}"
      config:
        org_url: {description: your Okta org URL, env: OKTA_ORG_URL, example: "https://dev-123456.okta.com"}
      auth: {type: api_key, placement: header, header: Authorization, format: "SSWS {{secret}}", secret: okta_api_token}
      sandbox: okta
      """;
  private static final String LIST = "name: list_users\ndescription: Lists.\nmethod: GET\npath: /api/v1/users\n";

  private static ConnectorDefinition okta() {
    return DefinitionLoader.load(new ConnectorSource(new SourceText("okta/connector.yaml", OKTA),
        List.of(new SourceText("okta/actions/list_users.yaml", LIST))));
  }

  @Test
  void anInstanceRenamesTheConnectorItsSecretsAndItsVariables() {
    ConnectorDefinition prod = new ConnectorInstance("okta", "prod").of(okta());
    assertThat(prod.name()).isEqualTo("okta@prod");
    assertThat(prod.title()).isEqualTo("Okta (prod)");
    assertThat(((AuthConfig.ApiKey) prod.auth()).secret()).isEqualTo("okta_api_token@prod");
    assertThat(EnvironmentSecretStore.variable("okta_api_token@prod")).isEqualTo("OKTA_API_TOKEN_PROD");
    assertThat(prod.config().get("org_url").env()).contains("OKTA_ORG_URL_PROD");
    assertThat(prod.config().get("org_url").example()).contains("https://dev-123456.okta.com");
    assertThat(prod.sandbox()).as("an instance always calls its own service").isEmpty();
    assertThat(prod.actions()).extracting(ActionDefinition::name).containsExactly("list_users");
  }

  @Test
  void aConnectorNameIsReadAsAnInstanceOnlyWithAnAt() {
    assertThat(ConnectorInstance.parse("okta")).isEmpty();
    assertThat(ConnectorInstance.parse("okta@us_east")).contains(new ConnectorInstance("okta", "us_east"));
    assertThat(new ConnectorInstance("okta", "prod").name()).isEqualTo("okta@prod");
  }

  @Test
  void badNamesAreRefusedSayingWhatWouldDo() {
    assertThatThrownBy(() -> ConnectorInstance.parse("okta@Prod")).hasMessageContaining("'Prod' is not an instance name")
        .hasMessageContaining("such as prod");
    assertThatThrownBy(() -> ConnectorInstance.parse("okta@prod-eu")).hasMessageContaining("'prod-eu' is not an instance name");
    assertThatThrownBy(() -> ConnectorInstance.parse("@prod")).hasMessageContaining("'' is not a connector name");
    assertThatThrownBy(() -> new ConnectorInstance("okta", "prod").of(new ConnectorInstance("okta", "x").of(okta())))
        .hasMessageContaining("is not the pack of okta@prod");
  }
}
