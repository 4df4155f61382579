package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.UnknownActionException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replacing, removing and closing connectors while calls run (contract C2). */
class ConnectorReplacementTest {
  private final AtomicReference<Runnable> onRequest = new AtomicReference<>(() -> {});
  private CountingServer server;
  private Engine engine;

  @BeforeEach
  void start() throws Exception {
    server = new CountingServer(line -> {
      onRequest.get().run();
      return answer(line);
    });
    engine = Shop.engine(server.url());
  }

  @AfterEach
  void stop() throws Exception {
    engine.close();
    server.close();
  }

  /** Items carry the request target that produced them; the first page of a listing points to a second. */
  static String answer(String requestLine) {
    String target = requestLine.split(" ")[1];
    if (target.matches("/v\\d+/items")) {
      return "{\"items\":[{\"at\":\"" + target + "\"}],\"next\":\"2\"}";
    }
    if (target.matches("/v\\d+/items\\?after=2")) {
      return "{\"items\":[{\"at\":\"" + target + "\"}],\"next\":null}";
    }
    return "{\"line\":\"" + target + "\"}";
  }

  private static String at(ActionResult page) {
    return page.output().get(0).get("at").asText();
  }

  @Test
  void aListingInFlightFinishesOnItsVersionWhileNewCallsUseTheReplacement() {
    ConnectorVersion v1 = engine.registry().current("shop").orElseThrow();
    try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("shop.list_items"), Map.of())) {
      Iterator<ActionResult> it = pages.iterator();
      assertThat(at(it.next())).isEqualTo("/v1/items");

      engine.replace(Shop.connector(server.url(), "v2"));

      assertThat(engine.call("shop.get_item", Map.of("id", TextNode.valueOf("7"))).output().get("line").asText())
          .isEqualTo("/v2/items/7");
      assertThat(v1.closed()).isFalse();
      assertThat(at(it.next())).isEqualTo("/v1/items?after=2");
      assertThat(it.hasNext()).isFalse();
      assertThat(v1.closed()).as("the old runtime closes as its last call ends").isTrue();
    }
    assertThat(engine.registry().current("shop").orElseThrow().closed()).isFalse();
  }

  @Test
  void aStreamClosedBeforeItsEndLetsGoOfTheReplacedVersion() {
    ConnectorVersion v1 = engine.registry().current("shop").orElseThrow();
    Stream<ActionResult> pages = engine.pages(engine.catalog().require("shop.list_items"), Map.of());
    assertThat(at(pages.iterator().next())).isEqualTo("/v1/items");
    engine.replace(Shop.connector(server.url(), "v2"));
    assertThat(v1.closed()).isFalse();
    pages.close();
    assertThat(v1.closed()).isTrue();
  }

  @Test
  void aPlanHeldFromBeforeTheReplacementRunsTheActionOfTheCurrentVersion() {
    ActionPlan old = engine.catalog().require("shop.get_item");
    engine.replace(Shop.connector(server.url(), "v3"));
    try (Stream<ActionResult> pages = engine.pages(old, Map.of("id", TextNode.valueOf("1")))) {
      assertThat(pages.findFirst().orElseThrow().output().get("line").asText()).isEqualTo("/v3/items/1");
    }
    assertThat(engine.catalog().require("shop.get_item")).isNotSameAs(old);
  }

  @Test
  void replacingOneConnectorKeepsTheCompiledActionsOfTheOthers() {
    engine.replace(Shop.connector("depot", server.url(), "v1"));
    ActionPlan shop = engine.catalog().require("shop.get_item");
    engine.replace(Shop.connector("depot", server.url(), "v2"));
    assertThat(engine.catalog().require("shop.get_item")).isSameAs(shop);
    assertThat(engine.call("depot.get_item", Map.of("id", TextNode.valueOf("5"))).output().get("line").asText())
        .isEqualTo("/v2/items/5");
  }

  @Test
  void aCompoundRunsEveryStepOnTheVersionItStartedOn() {
    onRequest.set(() -> {
      onRequest.set(() -> {});
      engine.replace(Shop.connector(server.url(), "v2"));
    });
    JsonNode lines = engine.call("shop.get_two", Map.of("first", TextNode.valueOf("a"), "second", TextNode.valueOf("b"))).output();
    assertThat(lines.toString()).isEqualTo("[\"/v1/items/a\",\"/v1/items/b\"]");
    assertThat(engine.call("shop.get_item", Map.of("id", TextNode.valueOf("c"))).output().get("line").asText())
        .isEqualTo("/v2/items/c");
  }

  @Test
  void aRemovedConnectorEndsNewCallsButNotTheOneInFlight() {
    ConnectorVersion v1 = engine.registry().current("shop").orElseThrow();
    ActionPlan list = engine.catalog().require("shop.list_items");
    try (Stream<ActionResult> pages = engine.pages(list, Map.of())) {
      Iterator<ActionResult> it = pages.iterator();
      it.next();
      assertThat(engine.remove("shop")).isTrue();
      assertThat(engine.remove("shop")).isFalse();
      assertThat(engine.catalog().find("shop.list_items")).isEmpty();
      assertThatThrownBy(() -> engine.call("shop.get_item", Map.of("id", TextNode.valueOf("1"))))
          .isInstanceOf(UnknownActionException.class);
      assertThatThrownBy(() -> engine.pages(list, Map.of()))
          .isInstanceOf(UnknownActionException.class).hasMessageContaining("no connector named 'shop'");
      assertThat(at(it.next())).isEqualTo("/v1/items?after=2");
    }
    assertThat(v1.closed()).isTrue();
  }

  @Test
  void closingTheEngineLetsTheCallInFlightFinishAndRefusesNewOnes() {
    ConnectorVersion v1 = engine.registry().current("shop").orElseThrow();
    try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("shop.list_items"), Map.of())) {
      Iterator<ActionResult> it = pages.iterator();
      it.next();
      engine.close();
      engine.close();
      assertThatThrownBy(() -> engine.call("shop.get_item", Map.of("id", TextNode.valueOf("1"))))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      assertThatThrownBy(() -> engine.replace(Shop.connector(server.url(), "v2"))).isInstanceOf(IllegalStateException.class);
      assertThat(v1.closed()).isFalse();
      assertThat(at(it.next())).isEqualTo("/v1/items?after=2");
    }
    assertThat(v1.closed()).isTrue();
  }

  @Test
  void aBadInputLetsGoOfTheVersionAtOnce() {
    ConnectorVersion v1 = engine.registry().current("shop").orElseThrow();
    assertThatThrownBy(() -> engine.pages(engine.catalog().require("shop.get_item"), Map.of()))
        .hasMessageContaining("input 'id' is required");
    engine.replace(Shop.connector(server.url(), "v2"));
    assertThat(v1.closed()).isTrue();
    assertThat(List.of(server.accepted())).containsExactly(0);
  }
}
