package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cursor, offset and page-number pagination, stop conditions and polling, against servers of 23 items. */
class PaginationTypesTest {
  private static final int TOTAL = 23;
  private static final String AUTH = "{type: api_key, header: Authorization, format: \"SSWS {{secret}}\", secret: testorg_api_token}";

  @TempDir
  Path dir;

  private static Map<String, String> query(WireServer.Seen r) {
    Map<String, String> out = new HashMap<>();
    String raw = r.rawUri().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return out;
  }

  private static String items(int from, int to) {
    return IntStream.range(from, Math.min(to, TOTAL)).mapToObj(i -> "{\"id\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
  }

  private List<Integer> ids(WireServer server, String pagination, String query, String inputs, long maxPages) {
    String action = "description: Lists items.\nmethod: GET\npath: /items\nquery: " + query + "\ninputs: " + inputs
        + "\npagination: " + pagination + "\noutput: {records: \"items || @\"}\n";
    Engine engine = Fixtures.engine(Fixtures.catalog(dir, Fixtures.connector(AUTH, ""), Map.of("list_items", action)),
        server.url(), Map.of("testorg_api_token", Fixtures.TOKEN));
    List<Integer> out = new ArrayList<>();
    try (Stream<ActionResult> pages = engine.pages(engine.catalog().require("testorg.list_items"), Map.of()).limit(maxPages)) {
      pages.forEach(p -> p.output().forEach(r -> out.add(r.get("id").asInt())));
    }
    return out;
  }

  private static List<Integer> all() {
    return IntStream.range(0, TOTAL).boxed().toList();
  }

  @Test
  void aCursorInTheBodyIsFollowedUntilItIsNull() throws Exception {
    try (WireServer server = new WireServer(r -> {
      int from = Integer.parseInt(query(r).getOrDefault("cursor", "0"));
      int to = from + 5;
      return WireServer.Answer.json(200, "{\"items\":" + items(from, to) + ",\"meta\":{\"next\":" + (to < TOTAL ? "\"" + to + "\"" : "null") + "}}");
    })) {
      assertThat(ids(server, "{type: cursor, cursor_param: cursor, cursor_path: meta.next}", "{cursor: \"{{cursor}}\"}",
          "{cursor: {type: string}}", 100)).isEqualTo(all());
      assertThat(server.seen).hasSize(5);
    }
  }

  @Test
  void aCursorInAHeaderIsFollowedUntilItIsAbsent() throws Exception {
    try (WireServer server = new WireServer(r -> {
      int from = Integer.parseInt(query(r).getOrDefault("page_token", "0"));
      int to = from + 10;
      Map<String, List<String>> headers = new HashMap<>(Map.of("Content-Type", List.of("application/json")));
      if (to < TOTAL) {
        headers.put("X-Next-Page-Token", List.of(Integer.toString(to)));
      }
      return new WireServer.Answer(200, headers, items(from, to));
    })) {
      assertThat(ids(server, "{type: cursor, cursor_param: page_token, cursor_header: X-Next-Page-Token}",
          "{page_token: \"{{page_token}}\"}", "{page_token: {type: string}}", 100)).isEqualTo(all());
    }
  }

  @Test
  void anOffsetAdvancesByTheRecordsReceivedAndAShortPageIsTheLast() throws Exception {
    try (WireServer server = new WireServer(r -> {
      int offset = Integer.parseInt(query(r).getOrDefault("offset", "0"));
      int limit = Integer.parseInt(query(r).getOrDefault("limit", "10"));
      return WireServer.Answer.json(200, items(offset, offset + limit));
    })) {
      assertThat(ids(server, "{type: offset, offset_param: offset, limit_param: limit}", "{offset: \"{{offset}}\", limit: \"{{limit}}\"}",
          "{offset: {type: integer}, limit: {type: integer, default: 6}}", 100)).isEqualTo(all());
      assertThat(server.seen).extracting(s -> query(s).get("offset")).containsExactly(null, "6", "12", "18");
    }
  }

  @Test
  void aPageNumberStartingAtZeroAdvancesByOneAndAnEmptyPageIsTheLast() throws Exception {
    try (WireServer server = new WireServer(r -> {
      int number = Integer.parseInt(query(r).getOrDefault("page", "0"));
      return WireServer.Answer.json(200, items(number * 5, number * 5 + 5));
    })) {
      assertThat(ids(server, "{type: page_number, page_param: page, start_page: 0}", "{page: \"{{page}}\"}",
          "{page: {type: integer}}", 100)).isEqualTo(all());
      assertThat(server.seen).hasSize(6);
    }
  }

  @Test
  void maxPagesAndMaxItemsStopEarlyAndCutTheLastPage() throws Exception {
    try (WireServer server = new WireServer(r -> {
      int offset = Integer.parseInt(query(r).getOrDefault("offset", "0"));
      return WireServer.Answer.json(200, items(offset, offset + 5));
    })) {
      assertThat(ids(server, "{type: offset, offset_param: offset, max_pages: 2}", "{offset: \"{{offset}}\"}",
          "{offset: {type: integer}}", 100)).isEqualTo(all().subList(0, 10));
      server.seen.clear();
      assertThat(ids(server, "{type: offset, offset_param: offset, max_items: 7}", "{offset: \"{{offset}}\"}",
          "{offset: {type: integer}}", 100)).isEqualTo(all().subList(0, 7));
      assertThat(server.seen).hasSize(2);
    }
  }

  @Test
  void pollingFollowsTheAlwaysPresentNextLinkUntilTheFirstEmptyPageWhenAsked() throws Exception {
    String[] base = new String[1];
    try (WireServer server = new WireServer(r -> {
      int after = Integer.parseInt(query(r).getOrDefault("after", "0"));
      String next = "<" + base[0] + "/items?after=" + Math.min(after + 10, TOTAL) + ">; rel=\"next\"";
      return new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"), "Link", List.of(next)), items(after, after + 10));
    })) {
      base[0] = server.url();
      assertThat(ids(server, "{type: link_header, polling: true, stop_on_empty_page: true}", "{after: \"{{after}}\"}",
          "{after: {type: string}}", 100)).isEqualTo(all());
      assertThat(server.seen).hasSize(4);
      server.seen.clear();
      assertThat(ids(server, "{type: link_header, polling: true, poll_interval_ms: 20}", "{after: \"{{after}}\"}",
          "{after: {type: string}}", 6)).isEqualTo(all());
      assertThat(server.seen).hasSize(6);
    }
  }

  @Test
  void aServerThatRepeatsTheSameNextLinkIsStoppedWhenNotPolling() throws Exception {
    String[] base = new String[1];
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
        "Link", List.of("<" + base[0] + "/items?after=5>; rel=\"next\"")), items(0, 5)))) {
      base[0] = server.url();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ids(server, "{type: link_header}", "{after: \"{{after}}\"}",
          "{after: {type: string}}", 100)).hasMessageContaining("repeats a page already read");
      assertThat(server.seen).hasSize(2);
    }
  }
}
