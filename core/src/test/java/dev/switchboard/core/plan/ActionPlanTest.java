package dev.switchboard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.transport.Request;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionPlanTest {
  private static final URI BASE = URI.create("https://example.okta.com");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  @TempDir
  Path dir;
  Catalog catalog;

  @BeforeEach
  void load() throws IOException {
    Files.createDirectories(dir.resolve("actions"));
    Files.writeString(dir.resolve("connector.yaml"), """
        name: okta
        base_url: "{{config.org_url}}"
        config: {org_url: {env: OKTA_ORG_URL}}
        auth: {type: api_key, header: Authorization, format: "SSWS {{secret}}", secret: okta_api_token}
        """);
    Files.writeString(dir.resolve("actions/list_users.yaml"), """
        description: Lists users.
        method: GET
        path: /api/v1/users
        query: {q: "{{q}}", search: "{{search}}", limit: "{{limit}}"}
        inputs:
          q: {type: string}
          search: {type: string}
          limit: {type: integer, minimum: 1, maximum: 200, default: 200}
        """);
    Files.writeString(dir.resolve("actions/list_logs.yaml"), """
        description: Lists System Log events.
        method: GET
        path: /api/v1/logs
        query: {since: "{{since}}"}
        inputs:
          since: {type: string, format: date-time, description: "ISO-8601 start, such as 2024-03-01T00:00:00Z"}
        """);
    Files.writeString(dir.resolve("actions/get_user.yaml"), """
        description: Gets a user.
        method: GET
        path: /api/v1/users/{{id}}
        headers: {X-Note: "{{note}}"}
        inputs:
          id: {type: string, required: true}
          note: {type: string}
        """);
    catalog = Catalog.of(DefinitionLoader.loadDirectory(dir));
  }

  private Request render(String action, Map<String, JsonNode> inputs) {
    ActionPlan plan = catalog.require(action);
    return plan.render(plan.bind(inputs), BASE, F.objectNode());
  }

  @Test
  void plusAndAtInASearchAreEncodedOnceCaseC01() {
    Request r = render("okta.list_users", Map.of("search", F.textNode("profile.login eq \"a+b@example.com\"")));
    assertThat(r.uri().getRawQuery()).isEqualTo("search=profile.login%20eq%20%22a%2Bb%40example.com%22&limit=200");
  }

  @Test
  void anExpressionTypedWithPlusSignsIsSentAsGivenEncodedOnceCaseC02() {
    Request r = render("okta.list_users", Map.of("search", F.textNode("user.id+eq+\"00u1\"")));
    assertThat(r.uri().getRawQuery()).startsWith("search=user.id%2Beq%2B%2200u1%22&");
  }

  @Test
  void literalTextOfAQueryTemplateIsEncodedWithItsValuesExactlyOnce() throws IOException {
    Files.writeString(dir.resolve("actions/user_events.yaml"), """
        description: Events of a user.
        method: GET
        path: /api/v1/logs
        query: {filter: 'actor.id eq "{{user_id}}"'}
        inputs:
          user_id: {type: string, required: true}
        """);
    catalog = Catalog.of(DefinitionLoader.loadDirectory(dir));
    Request r = render("okta.user_events", Map.of("user_id", F.textNode("00u+1")));
    assertThat(r.uri().getRawQuery()).isEqualTo("filter=actor.id%20eq%20%2200u%2B1%22");
  }

  @Test
  void absentOptionalInputsDropTheirParametersAndDefaultsApply() {
    Request r = render("okta.list_users", Map.of());
    assertThat(r.uri().toString()).isEqualTo("https://example.okta.com/api/v1/users?limit=200");
  }

  @Test
  void aPathValueIsOneEncodedSegment() {
    Request r = render("okta.get_user", Map.of("id", F.textNode("a/b@example.com")));
    assertThat(r.uri().getRawPath()).isEqualTo("/api/v1/users/a%2Fb%40example.com");
    Request dots = render("okta.get_user", Map.of("id", F.textNode("../../admin")));
    assertThat(dots.uri().getRawPath()).isEqualTo("/api/v1/users/..%2F..%2Fadmin");
    assertThat(dots.uri().getHost()).isEqualTo("example.okta.com");
  }

  @Test
  void aDotSegmentIsRefusedNamingTheInput() {
    assertThatThrownBy(() -> render("okta.get_user", Map.of("id", F.textNode(".."))))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
          assertThat(e.field()).contains("id");
          assertThat(e.getMessage()).contains("input 'id' cannot be placed in the path");
        });
  }

  @Test
  void aLineBreakInAHeaderValueIsRefused() {
    assertThatThrownBy(() -> render("okta.get_user", Map.of("id", F.textNode("00u1"), "note", F.textNode("a\r\nX-Evil: 1"))))
        .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.getMessage()).contains("input 'note' cannot be placed in the header X-Note"));
  }

  @Test
  void theBasePathIsKept() {
    ActionPlan plan = catalog.require("okta.get_user");
    Request r = plan.render(plan.bind(Map.of("id", F.textNode("x"))), URI.create("https://api.example.com/v2/"), F.objectNode());
    assertThat(r.uri().toString()).isEqualTo("https://api.example.com/v2/api/v1/users/x");
  }

  @Test
  void bindNamesTheFieldAndTheRangeForAnOutOfRangeValue() {
    ActionPlan plan = catalog.require("okta.list_users");
    assertThatThrownBy(() -> plan.bind(Map.of("limit", F.numberNode(500))))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.field()).contains("limit");
          assertThat(e.getMessage()).contains("input 'limit'").contains("200").contains("got 500");
        });
  }

  @Test
  void bindReportsAMissingRequiredInput() {
    assertThatThrownBy(() -> catalog.require("okta.get_user").bind(Map.of()))
        .hasMessageContaining("input 'id' is required");
  }

  @Test
  void bindSuggestsTheClosestInputForATypo() {
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    inputs.put("lmit", F.numberNode(5));
    assertThatThrownBy(() -> catalog.require("okta.list_users").bind(inputs))
        .hasMessageContaining("has no input 'lmit'; did you mean 'limit'?");
  }

  @Test
  void parseInputConvertsTextToTheDeclaredType() {
    ActionPlan plan = catalog.require("okta.list_users");
    assertThat(plan.parseInput("limit", "20").isIntegralNumber()).isTrue();
    assertThatThrownBy(() -> plan.parseInput("limit", "twenty"))
        .hasMessageContaining("input 'limit' must be an integer from 1 to 200; got 'twenty'");
  }

  @Test
  void aDateThatIsNotIso8601IsRefusedBeforeAnyRequestNamingTheInputCaseC12() {
    assertThatThrownBy(() -> catalog.require("okta.list_logs").bind(Map.of("since", F.textNode("yesterday"))))
        .isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.field()).contains("since");
          assertThat(e.getMessage()).contains("input 'since'").contains("date-time").contains("got \"yesterday\"");
        });
    assertThat(catalog.require("okta.list_logs").bind(Map.of("since", F.textNode("2024-03-01T00:00:00.000Z"))).get("since").asText())
        .isEqualTo("2024-03-01T00:00:00.000Z");
  }

  @Test
  void inputSchemaIsAClosedJsonSchemaObject() {
    ObjectNode schema = catalog.require("okta.get_user").inputSchema();
    assertThat(schema.get("type").asText()).isEqualTo("object");
    assertThat(schema.get("required").toString()).isEqualTo("[\"id\"]");
    assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void unknownActionSuggestsTheClosest() {
    assertThatThrownBy(() -> catalog.require("okta.list_user"))
        .isInstanceOf(UnknownActionException.class)
        .hasMessageContaining("did you mean 'okta.list_users'?");
  }

  @Test
  void sameOriginComparesSchemeHostAndPort() {
    assertThat(ActionPlan.sameOrigin(URI.create("https://a.test/x"), URI.create("https://a.test:443"))).isTrue();
    assertThat(ActionPlan.sameOrigin(URI.create("https://a.test.evil/x"), URI.create("https://a.test"))).isFalse();
    assertThat(ActionPlan.sameOrigin(URI.create("http://a.test/x"), URI.create("https://a.test"))).isFalse();
  }
}
