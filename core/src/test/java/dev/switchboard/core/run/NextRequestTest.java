package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.core.definition.ConnectorSource;
import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.core.definition.SourceText;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.plan.Catalog;
import dev.switchboard.core.secret.MapSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 3: a paginator returns the next request, so a cursor can go in a query parameter, a header or the
 * JSON body; and point 10: a next page the engine cannot request ends a listing with an error naming it, never
 * quietly after the pages before it.
 */
class NextRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "tix-key-0123456789abcdef";

  /** Tix: a ticket search that takes its cursor in a POST body ({"query":..., "page":{"after":...}}). */
  private static Engine tix(String url, String action) {
    return Engine.builder(Catalog.of(List.of(DefinitionLoader.load(new ConnectorSource(new SourceText("tix/connector.yaml", """
            name: tix
            title: Tix
            base_url: "%s"
            auth: {type: bearer, secret: tix_token}
            """.formatted(url)), List.of(new SourceText("tix/actions/search_tickets.yaml", action)))))))
        .secrets(new MapSecretStore("the test").put("tix_token", KEY))
        .config(ConfigSource.of(Map.of()))
        .build();
  }

  private static final String SEARCH_IN_BODY = """
      description: Searches tickets.
      method: POST
      path: /tickets/search
      body: {query: "{{query}}", page: {size: 2, after: "{{after}}"}}
      inputs:
        query: {type: string, required: true}
        after: {type: string}
      pagination: {type: cursor, cursor_path: next_cursor, cursor_in: body, cursor_param: /page/after}
      output: {records: tickets}
      """;

  /** Tickets T1..T5, two a page; the cursor is the id of the last ticket given. */
  private static WireServer.Answer page(JsonNode body, String after) {
    int from = after == null ? 1 : Integer.parseInt(after.substring(1)) + 1;
    int to = Math.min(from + 1, 5);
    List<String> tickets = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      tickets.add("{\"id\":\"T" + i + "\"}");
    }
    String next = to < 5 ? "\"T" + to + "\"" : "null";
    return WireServer.Answer.json(200, "{\"tickets\":[" + String.join(",", tickets) + "],\"next_cursor\":" + next + "}");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> ids(Stream<ActionResult> pages) {
    List<String> out = new ArrayList<>();
    pages.forEach(p -> p.output().forEach(t -> out.add(t.get("id").asText())));
    return out;
  }

  @Test
  void aCursorInAPostBodyIsSetInTheSameRequestForEachPage() throws Exception {
    try (WireServer server = new WireServer(r -> {
      JsonNode body = json(r.body());
      return page(body, body.path("page").path("after").isTextual() ? body.path("page").path("after").asText() : null);
    }); Engine engine = tix(server.url(), SEARCH_IN_BODY)) {
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("tix.search_tickets"),
          Map.of("query", TextNode.valueOf("printer")))) {
        assertThat(ids(pages)).containsExactly("T1", "T2", "T3", "T4", "T5");
      }
      assertThat(server.seen).extracting(WireServer.Seen::method).containsOnly("POST");
      assertThat(server.seen).extracting(s -> json(s.body()).toString()).containsExactly(
          "{\"query\":\"printer\",\"page\":{\"size\":2}}",
          "{\"query\":\"printer\",\"page\":{\"size\":2,\"after\":\"T2\"}}",
          "{\"query\":\"printer\",\"page\":{\"size\":2,\"after\":\"T4\"}}");
      assertThat(server.seen).allSatisfy(s -> assertThat(s.header("Content-Type")).isEqualTo("application/json"));
    }
  }

  @Test
  void eachPageReportsTheCursorAndTheInputThatContinuesFromIt() throws Exception {
    try (WireServer server = new WireServer(r -> {
      JsonNode body = json(r.body());
      return page(body, body.path("page").path("after").isTextual() ? body.path("page").path("after").asText() : null);
    }); Engine engine = tix(server.url(), SEARCH_IN_BODY)) {
      var plan = engine.catalog().require("tix.search_tickets");
      ActionResult first = engine.call("tix.search_tickets", Map.of("query", TextNode.valueOf("printer")));
      assertThat(first.nextCursor()).contains("T2");
      assertThat(plan.paginator().cursorInput()).contains("after");

      ActionResult continued = engine.call("tix.search_tickets", Map.of("query", TextNode.valueOf("printer"),
          "after", TextNode.valueOf(first.nextCursor().orElseThrow())));
      assertThat(continued.output().findValuesAsText("id")).containsExactly("T3", "T4");
    }
  }

  @Test
  void aCursorInAHeaderIsSentAsThatHeader() throws Exception {
    try (WireServer server = new WireServer(r -> page(null, r.header("X-Page-After"))); Engine engine = tix(server.url(), """
        description: Lists tickets.
        method: GET
        path: /tickets
        headers: {X-Page-After: "{{after}}"}
        inputs:
          after: {type: string}
        pagination: {type: cursor, cursor_path: next_cursor, cursor_in: header, cursor_param: X-Page-After}
        output: {records: tickets}
        """)) {
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("tix.search_tickets"), Map.of())) {
        assertThat(ids(pages)).containsExactly("T1", "T2", "T3", "T4", "T5");
      }
      assertThat(server.seen).extracting(s -> s.header("X-Page-After")).containsExactly(null, "T2", "T4");
      assertThat(engine.catalog().require("tix.search_tickets").paginator().cursorInput()).contains("after");
    }
  }

  @Test
  void aBodyCursorWithoutAnInputForItStillListsButOffersNoWayToContinueLater() throws Exception {
    try (WireServer server = new WireServer(r -> {
      JsonNode body = json(r.body());
      return page(body, body.path("after").isTextual() ? body.path("after").asText() : null);
    }); Engine engine = tix(server.url(), """
        description: Lists tickets.
        method: POST
        path: /tickets/search
        body: {size: 2}
        pagination: {type: cursor, cursor_path: next_cursor, cursor_in: body, cursor_param: /after}
        output: {records: tickets}
        """)) {
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("tix.search_tickets"), Map.of())) {
        assertThat(ids(pages)).containsExactly("T1", "T2", "T3", "T4", "T5");
      }
      assertThat(engine.catalog().require("tix.search_tickets").paginator().cursorInput()).isEmpty();
    }
  }

  /** A server whose first page links to a next page as given, and whose other pages end the listing. */
  private static WireServer linking(Function<String, String> nextLink) throws IOException {
    WireServer[] self = new WireServer[1];
    self[0] = new WireServer(r -> r.rawUri().getRawQuery() == null
        ? new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
            "Link", List.of(nextLink.apply(self[0].url()))), "{\"tickets\":[{\"id\":\"T1\"}]}")
        : WireServer.Answer.json(200, "{\"tickets\":[{\"id\":\"T2\"}]}"));
    return self[0];
  }

  private static final String LIST_BY_LINK = """
      description: Lists tickets.
      method: GET
      path: /tickets
      query: {after: "{{after}}"}
      inputs:
        after: {type: string}
      pagination: {type: link_header, cursor_param: after}
      output: {records: tickets}
      """;

  @Test
  void aNextLinkWithAnUnencodedSpaceIsAnErrorNamingTheLinkNotTheEndOfTheListing() throws Exception {
    try (WireServer server = linking(url -> "<" + url + "/tickets?after=T1 and more>; rel=\"next\"");
        Engine engine = tix(server.url(), LIST_BY_LINK)) {
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("tix.search_tickets"), Map.of())) {
        Iterator<ActionResult> it = pages.iterator();
        assertThatThrownBy(it::next).isInstanceOfSatisfying(ActionError.class, e -> {
          assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
          assertThat(e.getMessage()).contains("next page that cannot be requested", "/tickets?after=T1 and more",
              "Illegal character in query", "rather than end as if it were complete");
        });
        assertThat(it.hasNext()).isFalse();
      }
    }
  }

  @Test
  void aNextLinkWithAnUnencodedBarFailsTheListingAfterThePagesBeforeIt() throws Exception {
    try (WireServer server = new WireServer(r -> {
      String query = r.rawUri().getRawQuery();
      String link = query == null ? "<" + "/tickets?after=T1>; rel=\"next\"" : "</tickets?after=T2|T3>; rel=\"next\"";
      return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"), "Link", List.of(link)),
          "{\"tickets\":[{\"id\":\"" + (query == null ? "T1" : "T2") + "\"}]}");
    }); Engine engine = tix(server.url(), LIST_BY_LINK)) {
      List<String> read = new ArrayList<>();
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("tix.search_tickets"), Map.of())) {
        assertThatThrownBy(() -> pages.forEach(p -> p.output().forEach(t -> read.add(t.get("id").asText()))))
            .isInstanceOf(ActionError.class).hasMessageContaining("answered page 2").hasMessageContaining("'/tickets?after=T2|T3'");
      }
      assertThat(read).containsExactly("T1");
    }
  }

  @Test
  void aLinkHeaderThatNamesANextPageButCannotBeReadIsAnError() throws Exception {
    try (WireServer server = linking(url -> "<" + url + "/tickets?after=T1; rel=\"next\"");
        Engine engine = tix(server.url(), LIST_BY_LINK)) {
      assertThatThrownBy(() -> engine.call("tix.search_tickets", Map.of()))
          .isInstanceOf(ActionError.class).hasMessageContaining("cannot be read as RFC 8288 links");
    }
  }

  @Test
  void aCursorAHeaderCannotCarryIsAnError() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200,
        "{\"tickets\":[{\"id\":\"T1\"}],\"next_cursor\":\"T1\\r\\nX-Injected: 1\"}")); Engine engine = tix(server.url(), """
        description: Lists tickets.
        method: GET
        path: /tickets
        pagination: {type: cursor, cursor_path: next_cursor, cursor_in: header, cursor_param: X-Page-After}
        output: {records: tickets}
        """)) {
      assertThatThrownBy(() -> engine.call("tix.search_tickets", Map.of()))
          .isInstanceOf(ActionError.class).hasMessageContaining("cannot carry");
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void aBodyCursorThatRepeatsIsStoppedAsALoop() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200,
        "{\"tickets\":[{\"id\":\"T1\"}],\"next_cursor\":\"same\"}")); Engine engine = tix(server.url(), SEARCH_IN_BODY)) {
      try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("tix.search_tickets"),
          Map.of("query", TextNode.valueOf("q")))) {
        assertThatThrownBy(() -> pages.forEach(p -> { })).isInstanceOf(ActionError.class).hasMessageContaining("repeats a page");
      }
      assertThat(server.seen).hasSize(2);
    }
  }
}
