package dev.switchboard.core.run;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ActionError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.secret.MapSecretStore;
import dev.switchboard.core.secret.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API key placed in the query, holding + / = & % and a space: where does it show? */
class QueryKeyRedactionTest {
  static final String KEY = "k+y/9=a&b%2F c";
  static final String AUTH = "{type: api_key, placement: query, param: api_key, format: \"{{secret}}\", secret: testorg_api_token}";

  @TempDir
  Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();

  Engine engine(String url, String extra) {
    MapSecretStore store = new MapSecretStore("the test");
    store.put("testorg_api_token", KEY);
    return Engine.builder(Fixtures.catalog(dir, Fixtures.connector(AUTH, extra), Map.of("list_users", Fixtures.LIST_USERS)))
        .config(ConfigSource.of(Map.of("testorg", Map.of("org_url", url))))
        .secrets(store)
        .requestLog(log::add)
        .build();
  }

  /** Every form of the key this test looks for. */
  static Map<String, String> forms() {
    String upper = dev.switchboard.core.template.Escaper.percentEncode(KEY);
    String lower = java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(upper).replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    String form = java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8);
    return Map.of("raw", KEY, "percent-upper", upper, "percent-lower", lower, "form", form,
        "json-escaped", KEY.replace("/", "\\/").replace("&", "\\u0026"),
        "half-encoded (/ = left)", upper.replace("%2F", "/").replace("%3D", "="),
        "prefix", KEY.substring(0, 6));
  }

  static void assertNoForm(String where, String text) {
    forms().forEach((name, form) -> assertThat(text).as(where + " holds the key " + name + " (" + form + ")").doesNotContain(form));
  }

  ActionError fail(Function<WireServer.Seen, WireServer.Answer> handler) throws Exception {
    try (WireServer server = new WireServer(handler)) {
      Engine engine = engine(server.url(), "retry: {max_attempts: 1}\n");
      ActionError e = catchThrowableOfType(() -> engine.call("testorg.list_users", Map.of()), ActionError.class);
      assertThat(server.seen).isNotEmpty();
      return e;
    }
  }

  @Test
  void theKeyTravelsOnceEncodedAndTheRequestLogIsScrubbed() throws Exception {
    try (WireServer server = new WireServer(r -> WireServer.Answer.json(200, "[]"))) {
      engine(server.url(), "").call("testorg.list_users", Map.of());
      String raw = server.seen.get(0).rawUri().getRawQuery();
      assertThat(raw).contains("api_key=" + dev.switchboard.core.template.Escaper.percentEncode(KEY));
      assertThat(server.seen.get(0).rawUri().getQuery()).contains("api_key=" + KEY);
      assertNoForm("the request log", String.join("\n", log));
    }
  }

  @Test
  void anErrorBodyEchoingTheUrlWithLowerCaseHexIsScrubbed() throws Exception {
    ActionError e = fail(r -> new WireServer.Answer(500, Map.of("Content-Type", List.of("text/plain")),
        "cannot serve " + java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(r.rawUri().toString())
            .replaceAll(m -> m.group().toLowerCase(Locale.ROOT))));
    assertNoForm("the error message", e.getMessage());
  }

  @Test
  void anErrorSummaryEchoingTheUrlWithLowerCaseHexIsScrubbed() throws Exception {
    ActionError e = fail(r -> WireServer.Answer.json(400, "{\"errorCode\":\"E0000001\",\"errorSummary\":\"bad query: "
        + java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(r.rawUri().getRawQuery()).replaceAll(m -> m.group().toLowerCase(Locale.ROOT))
        + "\"}"));
    assertNoForm("the error summary", e.getMessage() + " " + e.errorSummary().orElse(""));
  }

  @Test
  void aNonJsonBodyEchoingTheKeyJsonEscapedIsScrubbed() throws Exception {
    // a Go server's encoding/json escapes & as \u0026; PHP's json_encode escapes / as \/
    ActionError e = fail(r -> WireServer.Answer.json(200, "{\"echo\":\"" + KEY.replace("/", "\\/").replace("&", "\\u0026")
        + "\", truncated"));
    assertNoForm("the error message", e.getMessage());
  }

  @Test
  void aKeyStraddlingTheExcerptsEndIsNotHalfShown() throws Exception {
    ActionError e = fail(r -> new WireServer.Answer(502, Map.of("Content-Type", List.of("text/html")),
        "<html>" + "x".repeat(148) + KEY + "</html>"));
    assertNoForm("the error message", e.getMessage());
  }

  @Test
  void aNextLinkEchoingTheKeyDoesNotReachTheResult() throws Exception {
    String[] base = new String[1];
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
        "Link", List.of("<" + base[0] + r.rawUri().getRawPath() + "?" + r.rawUri().getRawQuery() + "&after=P2>; rel=\"next\"")), "[]"))) {
      base[0] = server.url();
      ActionResult page = engine(server.url(), "").call("testorg.list_users", Map.of());
      assertNoForm("the result's next link", String.valueOf(page.next()));
      assertNoForm("the result's headers", String.valueOf(page.headers()));
    }
  }

  @Test
  void aGzipBombIsCutAtTheCapAsAnUpstreamError() throws Exception {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        gz.write(zeros);
      }
    }
    byte[] bomb = packed.toByteArray();
    try (WireServer server = new WireServer(r -> new WireServer.Answer(200, Map.of("Content-Type", List.of("application/json"),
        "Content-Encoding", List.of("gzip")), null, bomb, false))) {
      Engine engine = engine(server.url(), "max_response_bytes: 1000000\nretry: {max_attempts: 1}\n");
      long start = System.nanoTime();
      ActionError e = catchThrowableOfType(() -> engine.call("testorg.list_users", Map.of()), ActionError.class);
      assertThat(e.category()).isEqualTo(ErrorCategory.UPSTREAM);
    }
  }

  @Test
  void registeringKeepsOrdinaryTextIntact() {
    Redactor redactor = new Redactor();
    redactor.register("é"); // one character: not a credential, not registered...
    redactor.register("//");
    redactor.register("a b");
    String url = "GET /search?q=caf%C3%A9&path=%2F%2Fhome&name=a%20b -> 200";
    assertThat(redactor.scrub(url)).isEqualTo(url);
  }
}
