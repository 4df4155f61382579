package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.sandbox.OktaSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Okta's rate-limit headers ({@code X-Rate-Limit-Limit}, {@code -Remaining}, {@code -Reset} in epoch seconds) are read
 * because the Okta pack declares them in its YAML (core reads only the common ones by itself): a listing against a
 * sandbox whose users bucket allows two requests a second is paced by them and never answered 429.
 */
class OktaPackRateLimitTest {
  @Test
  void theRateLimitHeadersThePackDeclaresPaceAListingSoTheOrgNeverAnswers429() {
    List<Integer> statuses = new CopyOnWriteArrayList<>();
    try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(10).seed(11L).rateLimit("/api/v1/users", 2)
        .rateLimitWindow(Duration.ofSeconds(1)).observer(exchange -> statuses.add(exchange.status())).build()) {
      sandbox.start();
      String token = sandbox.createApiToken("pack rate limit test");
      Catalog catalog = Catalog.builtIn();
      try (Engine engine = Engine.builder(catalog)
          .config(ConfigSource.of(Map.of("okta", Map.of("org_url", sandbox.orgUrl().toString()))))
          .secrets(new MapSecretStore("the test").put("okta_api_token", token)).build()) {
        long users = 0;
        long waitedMs = 0;
        try (Stream<ActionResult> pages = engine.pages(catalog.require("okta.list_users"), Map.<String, JsonNode>of("limit", IntNode.valueOf(2)))) {
          for (ActionResult page : (Iterable<ActionResult>) pages::iterator) {
            users += page.output().size();
            waitedMs += page.stats().rateLimitWaitMs();
          }
        }
        assertThat(users).as("the listing of the sandbox's active users is whole").isPositive();
        assertThat(statuses).as("what the sandbox answered").isNotEmpty().doesNotContain(429);
        assertThat(waitedMs).as("the engine waited for the window the headers announced").isPositive();
      }
    }
  }
}
