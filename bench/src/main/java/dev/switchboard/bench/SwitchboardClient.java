package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.secret.MapSecretStore;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Switchboard as a Java library: the built-in catalog's {@code okta.get_user} and {@code okta.list_users}
 * actions run by one {@link Engine}, exactly as {@code switchboard run} runs them (input validation, rendering,
 * the retry / rate-limit / auth / redirect / decompression chain, decoding, secret scrubbing, output mapping).
 * A listing is {@link Engine#pages} consumed page by page, as {@code switchboard run --all} does.
 */
final class SwitchboardClient implements OktaClient {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Engine engine;
  private final ActionPlan getUser;
  private final ActionPlan listUsers;

  SwitchboardClient(URI orgUrl, String token) {
    this.engine = Engine.builder(Catalog.builtIn())
        .config(ConfigSource.of(Map.of("okta", Map.of("org_url", orgUrl.toString()))))
        .secrets(new MapSecretStore("the benchmark").put("okta_api_token", token))
        .build();
    this.getUser = engine.catalog().require("okta.get_user");
    this.listUsers = engine.catalog().require("okta.list_users");
  }

  @Override
  public long getUser(String id) {
    try (Stream<ActionResult> pages = engine.pages(getUser, Map.of("id", F.textNode(id)))) {
      JsonNode user = pages.findFirst().orElseThrow().output();
      return OktaClient.checksum(user.get("id").asText(), user.get("login").asText(), user.get("status").asText());
    }
  }

  @Override
  public Listing listAll() {
    long users = 0;
    long pages = 0;
    long rateLimited = 0;
    long checksum = 0;
    try (Stream<ActionResult> stream = engine.pages(listUsers, Map.of("limit", F.numberNode(200)))) {
      Iterator<ActionResult> it = stream.iterator();
      while (it.hasNext()) {
        ActionResult page = it.next();
        pages++;
        rateLimited += page.stats().rateLimited();
        for (JsonNode user : page.output()) {
          users++;
          checksum += OktaClient.checksum(user.get("id").asText(), user.get("login").asText(), user.get("status").asText());
        }
      }
    }
    return new Listing(users, pages, rateLimited, checksum);
  }

  @Override
  public void close() {
    // the engine holds no resources that need closing
  }
}
