package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.core.definition.ActionDefinition;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The Okta pack names real operations and parameters of Okta's own OpenAPI description
 * (../shared/okta/management-openapi.yaml, release 2026.06.3).
 */
class OktaPackSpecTest {
  private static JsonNode spec;

  @BeforeAll
  static void readSpec() throws IOException {
    Path file = SharedFiles.find("okta/management-openapi.yaml");
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    spec = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build()).readTree(Files.newInputStream(file));
  }

  @Test
  void theBuiltInCatalogHoldsTheOktaPack() {
    Catalog catalog = Catalog.builtIn();
    assertThat(catalog.connectors()).containsKey("okta");
    assertThat(catalog.find("okta.list_users")).isPresent();
  }

  @Test
  void everyOktaActionIsAnOperationOfTheSpecWithItsQueryParameters() {
    List<ActionPlan> actions = Catalog.builtIn().connectors().get("okta").actions().stream()
        .filter(a -> !a.compound())
        .map(a -> Catalog.builtIn().find("okta." + a.name()).orElseThrow())
        .toList();
    assertThat(actions).isNotEmpty();
    for (ActionPlan plan : actions) {
      ActionDefinition action = plan.definition();
      JsonNode operation = operation(action.path().source(), action.method());
      assertThat(operation).as("%s: %s %s in the spec", plan.id(), action.method(), action.path().source()).isNotNull();
      Set<String> queryParameters = new HashSet<>();
      for (JsonNode parameter : operation.path("parameters")) {
        JsonNode resolved = resolve(parameter);
        if ("query".equals(resolved.path("in").asText())) {
          queryParameters.add(resolved.path("name").asText());
        }
      }
      assertThat(queryParameters).as("%s query parameters", plan.id()).containsAll(action.query().keySet());
    }
  }

  private static JsonNode operation(String pathTemplate, String method) {
    String pattern = pathTemplate.replaceAll("\\{\\{[^}]+\\}\\}", "\\\\{[^}/]+\\\\}");
    for (Iterator<String> it = spec.path("paths").fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (path.matches(pattern)) {
        JsonNode op = spec.path("paths").path(path).get(method.toLowerCase(Locale.ROOT));
        if (op != null) {
          return op;
        }
      }
    }
    return null;
  }

  private static JsonNode resolve(JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    String ref = node.get("$ref").asText();
    JsonNode target = spec;
    for (String part : ref.substring(2).split("/")) {
      target = target.path(part);
    }
    return target;
  }
}
