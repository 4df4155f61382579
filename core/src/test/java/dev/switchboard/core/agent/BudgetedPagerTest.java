package dev.switchboard.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ConfigSource;
import dev.switchboard.core.run.Engine;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.secret.MapSecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget on a listing served by an Okta-like in-test server. */
class BudgetedPagerTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IntFunction<String> SMALL = i -> "{\"id\":\"r" + i + "\"}";

  @TempDir
  Path dir;

  private Engine engine(String url, int maxPage, boolean cursorParam) throws IOException {
    Files.createDirectories(dir.resolve("actions"));
    Files.writeString(dir.resolve("connector.yaml"), """
        name: shop
        base_url: "{{config.url}}"
        config: {url: {description: the URL}}
        auth: {type: none}
        """);
    Files.writeString(dir.resolve("actions/list_items.yaml"), """
        description: Lists items.
        method: GET
        path: /items
        query: {limit: "{{limit}}", after: "{{after}}", tag: "{{tag}}"}
        inputs:
          limit: {type: integer, minimum: 1, maximum: %d, default: %d}
          after: {type: string}
          tag: {type: string}
        pagination: {type: link_header, %s limit_param: limit}
        output: {records: "@"}
        """.formatted(maxPage, maxPage, cursorParam ? "cursor_param: after," : ""));
    Files.writeString(dir.resolve("actions/get_item.yaml"), """
        description: Gets an item.
        method: GET
        path: /items/{{id}}
        inputs: {id: {type: string, required: true}}
        """);
    Catalog catalog = Catalog.of(DefinitionLoader.loadDirectory(dir));
    return Engine.builder(catalog).config(ConfigSource.of(Map.of("shop", Map.of("url", url))))
        .secrets(new MapSecretStore("test")).build();
  }

  private static List<String> ids(BudgetedPage page) {
    List<String> out = new ArrayList<>();
    page.items().forEach(i -> out.add(i.get("id").asText()));
    return out;
  }

  /** Follows next_cursor to the end, returning every id in order and checking each reply against the budget. */
  private static List<String> drain(BudgetedPager pager, ActionPlan plan, Map<String, JsonNode> inputs) throws IOException {
    List<String> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    for (int replies = 0; replies < 1000; replies++) {
      BudgetedPage page = pager.fetch(plan, inputs, cursor);
      assertThat(page.items().size()).isLessThanOrEqualTo(pager.budget().maxItems());
      assertThat(page.bytes()).isEqualTo(JSON.writeValueAsBytes(page.items()).length);
      if (page.items().size() > 1) {
        assertThat(page.bytes()).isLessThanOrEqualTo(pager.budget().maxBytes());
      }
      all.addAll(ids(page));
      if (!page.truncated()) {
        assertThat(page.nextCursor()).isEmpty();
        return all;
      }
      assertThat(page.nextCursor()).isPresent();
      cursor = page.nextCursor();
    }
    throw new AssertionError("no end after 1000 replies");
  }

  private static List<String> expected(int total) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      out.add("r" + i);
    }
    return out;
  }

  @Test
  void aReplyHoldsTheDefaultFiftyItemsAndAsksForPagesOfThatSize() throws Exception {
    try (ListingServer server = new ListingServer(120, SMALL)) {
      Engine engine = engine(server.url(), 200, true);
      BudgetedPager pager = new BudgetedPager(engine, OutputBudget.DEFAULT);
      BudgetedPage page = pager.fetch(engine.catalog().require("shop.list_items"), Map.of(), Optional.empty());
      assertThat(ids(page)).isEqualTo(expected(50));
      assertThat(page.truncated()).isTrue();
      assertThat(page.nextCursor()).isPresent();
      assertThat(page.requests()).isEqualTo(1);
      assertThat(server.queries).singleElement().satisfies(q -> assertThat(q).containsEntry("limit", "50").doesNotContainKey("after"));
    }
  }

  @Test
  void followingNextCursorGivesEveryItemOnceInOrderAndEndsWithoutACursor() throws Exception {
    try (ListingServer server = new ListingServer(120, SMALL)) {
      Engine engine = engine(server.url(), 200, true);
      List<String> all = drain(new BudgetedPager(engine, OutputBudget.DEFAULT), engine.catalog().require("shop.list_items"), Map.of());
      assertThat(all).isEqualTo(expected(120));
      assertThat(server.queries).hasSize(3);
    }
  }

  @Test
  void theByteBudgetCutsAPageInTheMiddleAndTheCursorContinuesAtTheNextItem() throws Exception {
    IntFunction<String> varied = i -> "{\"id\":\"r" + i + "\",\"note\":\"" + "x".repeat((i * 37) % 90) + "\"}";
    try (ListingServer server = new ListingServer(73, varied)) {
      Engine engine = engine(server.url(), 200, true);
      BudgetedPager pager = new BudgetedPager(engine, new OutputBudget(50, 700));
      ActionPlan plan = engine.catalog().require("shop.list_items");
      BudgetedPage first = pager.fetch(plan, Map.of(), Optional.empty());
      assertThat(first.items().size()).isBetween(2, 49);
      assertThat(first.bytes()).isLessThanOrEqualTo(700);
      assertThat(drain(pager, plan, Map.of())).isEqualTo(expected(73));
    }
  }

  @Test
  void aCallersSmallerLimitCapsTheReplyAndThePageSize() throws Exception {
    try (ListingServer server = new ListingServer(30, SMALL)) {
      Engine engine = engine(server.url(), 200, true);
      BudgetedPage page = new BudgetedPager(engine, OutputBudget.DEFAULT)
          .fetch(engine.catalog().require("shop.list_items"), Map.of("limit", F.numberNode(7)), Optional.empty());
      assertThat(ids(page)).isEqualTo(expected(7));
      assertThat(page.truncated()).isTrue();
      assertThat(server.queries.get(0)).containsEntry("limit", "7");
    }
  }

  @Test
  void pagesSmallerThanTheBudgetAreJoinedUpToTheBudget() throws Exception {
    try (ListingServer server = new ListingServer(100, SMALL)) {
      Engine engine = engine(server.url(), 20, true);
      BudgetedPage page = new BudgetedPager(engine, OutputBudget.DEFAULT)
          .fetch(engine.catalog().require("shop.list_items"), Map.of(), Optional.empty());
      assertThat(ids(page)).isEqualTo(expected(50));
      assertThat(page.requests()).isEqualTo(3);
      assertThat(server.queries).allSatisfy(q -> assertThat(q).containsEntry("limit", "20"));
      assertThat(drain(new BudgetedPager(engine, OutputBudget.DEFAULT), engine.catalog().require("shop.list_items"), Map.of()))
          .isEqualTo(expected(100));
    }
  }

  @Test
  void aReplyStopsAfterTheMostUpstreamRequestsAndContinuesFromThere() throws Exception {
    try (ListingServer server = new ListingServer(45, SMALL)) {
      Engine engine = engine(server.url(), 1, true);
      BudgetedPager pager = new BudgetedPager(engine, OutputBudget.DEFAULT);
      ActionPlan plan = engine.catalog().require("shop.list_items");
      BudgetedPage page = pager.fetch(plan, Map.of(), Optional.empty());
      assertThat(page.requests()).isEqualTo(BudgetedPager.MAX_REQUESTS);
      assertThat(page.items()).hasSize(BudgetedPager.MAX_REQUESTS);
      assertThat(drain(pager, plan, Map.of())).isEqualTo(expected(45));
    }
  }

  @Test
  void aRecordLargerThanTheByteBudgetStillComesAloneSoPagingProgresses() throws Exception {
    IntFunction<String> huge = i -> "{\"id\":\"r" + i + "\",\"blob\":\"" + "y".repeat(400) + "\"}";
    try (ListingServer server = new ListingServer(3, huge)) {
      Engine engine = engine(server.url(), 200, true);
      BudgetedPager pager = new BudgetedPager(engine, new OutputBudget(50, 256));
      BudgetedPage page = pager.fetch(engine.catalog().require("shop.list_items"), Map.of(), Optional.empty());
      assertThat(ids(page)).containsExactly("r0");
      assertThat(page.truncated()).isTrue();
      assertThat(drain(pager, engine.catalog().require("shop.list_items"), Map.of())).isEqualTo(expected(3));
    }
  }

  @Test
  void aCursorUsedWithOtherInputsIsRefusedNamingNextCursor() throws Exception {
    try (ListingServer server = new ListingServer(120, SMALL)) {
      Engine engine = engine(server.url(), 200, true);
      BudgetedPager pager = new BudgetedPager(engine, OutputBudget.DEFAULT);
      ActionPlan plan = engine.catalog().require("shop.list_items");
      String cursor = pager.fetch(plan, Map.of("tag", F.textNode("red")), Optional.empty()).nextCursor().orElseThrow();
      assertThatThrownBy(() -> pager.fetch(plan, Map.of("tag", F.textNode("blue")), Optional.of(cursor)))
          .isInstanceOfSatisfying(ActionError.class, e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
            assertThat(e.field()).contains(AgentCursor.INPUT);
            assertThat(e.getMessage()).contains("other inputs");
          });
    }
  }

  @Test
  void aDamagedCursorOrOneOfAnotherActionIsRefusedNamingNextCursor() throws Exception {
    try (ListingServer server = new ListingServer(10, SMALL)) {
      Engine engine = engine(server.url(), 200, true);
      BudgetedPager pager = new BudgetedPager(engine, OutputBudget.DEFAULT);
      ActionPlan plan = engine.catalog().require("shop.list_items");
      String foreign = new AgentCursor("shop.other", Optional.empty(), 3, 50, "x").encode();
      for (String bad : List.of("c12", "sb1.!!!", "sb1.e30", foreign)) {
        assertThatThrownBy(() -> pager.fetch(plan, Map.of(), Optional.of(bad)))
            .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.field()).contains(AgentCursor.INPUT));
      }
      assertThat(server.queries).isEmpty();
    }
  }

  @Test
  void aBadInputIsRefusedBeforeAnyRequestNamingTheInput() throws Exception {
    try (ListingServer server = new ListingServer(10, SMALL)) {
      Engine engine = engine(server.url(), 200, true);
      assertThatThrownBy(() -> new BudgetedPager(engine, OutputBudget.DEFAULT)
              .fetch(engine.catalog().require("shop.list_items"), Map.of("limit", F.numberNode(0)), Optional.empty()))
          .isInstanceOfSatisfying(ActionError.class, e -> assertThat(e.field()).contains("limit"));
      assertThat(server.queries).isEmpty();
    }
  }

  @Test
  void moreItemsWithoutACursorParamAreReportedAsTruncatedWithoutACursor() throws Exception {
    try (ListingServer server = new ListingServer(80, SMALL)) {
      Engine engine = engine(server.url(), 200, false);
      BudgetedPage page = new BudgetedPager(engine, OutputBudget.DEFAULT)
          .fetch(engine.catalog().require("shop.list_items"), Map.of("limit", F.numberNode(40)), Optional.empty());
      assertThat(page.items()).hasSize(40);
      assertThat(page.truncated()).isTrue();
      assertThat(page.nextCursor()).isEmpty();
    }
  }

  @Test
  void aCursorCutInsideTheFirstPageResumesThereWithoutACursorParam() throws Exception {
    try (ListingServer server = new ListingServer(30, SMALL)) {
      Engine engine = engine(server.url(), 200, false);
      BudgetedPager pager = new BudgetedPager(engine, new OutputBudget(50, 256));
      ActionPlan plan = engine.catalog().require("shop.list_items");
      BudgetedPage first = pager.fetch(plan, Map.of("limit", F.numberNode(30)), Optional.empty());
      int cut = first.items().size();
      assertThat(cut).isBetween(2, 29);
      BudgetedPage second = pager.fetch(plan, Map.of(), first.nextCursor());
      assertThat(ids(second).get(0)).isEqualTo("r" + cut);
      assertThat(server.queries.get(1)).containsEntry("limit", "30");
    }
  }

  @Test
  void aCaughtUpPollingFeedReturnsWhatItHasWithACursorToPollFromLater() throws Exception {
    try (ListingServer server = new ListingServer(12, SMALL, true)) {
      Files.createDirectories(dir.resolve("feed/actions"));
      Files.writeString(dir.resolve("feed/connector.yaml"), "name: feed\nbase_url: \"" + server.url() + "\"\nauth: {type: none}\n");
      Files.writeString(dir.resolve("feed/actions/events.yaml"), """
          description: Polls events.
          method: GET
          path: /items
          query: {limit: "{{limit}}", after: "{{after}}"}
          inputs: {limit: {type: integer, maximum: 10}, after: {type: string}}
          pagination: {type: link_header, cursor_param: after, limit_param: limit, polling: true, poll_interval_ms: 60000}
          output: {records: "@"}
          """);
      Engine engine = Engine.builder(Catalog.of(DefinitionLoader.loadDirectory(dir.resolve("feed")))).build();
      ActionPlan plan = engine.catalog().require("feed.events");
      long start = System.nanoTime();
      BudgetedPage page = new BudgetedPager(engine, OutputBudget.DEFAULT).fetch(plan, Map.of(), Optional.empty());
      assertThat(ids(page)).isEqualTo(expected(12));
      assertThat(page.truncated()).isFalse();
      assertThat(page.nextCursor()).isPresent();
      assertThat((System.nanoTime() - start) / 1_000_000).as("no poll interval waited").isLessThan(30_000);
      assertThat(server.queries).hasSize(3);
    }
  }

  @Test
  void anActionThatIsNotAListingIsNotPaged() throws Exception {
    Engine engine = engine("http://127.0.0.1:9", 200, true);
    ActionPlan get = engine.catalog().require("shop.get_item");
    assertThat(BudgetedPager.isListing(get)).isFalse();
    assertThat(BudgetedPager.isListing(engine.catalog().require("shop.list_items"))).isTrue();
    assertThatThrownBy(() -> new BudgetedPager(engine, OutputBudget.DEFAULT).fetch(get, Map.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCursorRoundTripsThroughItsText() {
    AgentCursor cursor = new AgentCursor("okta.list_users", Optional.of("00u5&x=1"), 13, 50, "abc");
    assertThat(cursor.encode()).startsWith("sb1.").doesNotContain("=", "+", "/");
    assertThat(AgentCursor.decode(cursor.encode(), "okta.list_users")).isEqualTo(cursor);
  }

  @Test
  void aBudgetBelowItsMinimumsIsRefused() {
    assertThatThrownBy(() -> new OutputBudget(0, 1000)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new OutputBudget(5, 10)).hasMessageContaining("at least 256");
  }
}
