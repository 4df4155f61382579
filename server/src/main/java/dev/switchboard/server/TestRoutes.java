package dev.switchboard.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Test: runs a saved action, or an unsaved version of it (its YAML in the request), with example inputs, and answers
 * the upstream status, headers, body, the action's output and the output schema inferred from it (JSON Schema
 * 2020-12, as "generate output schema" does), or the error; the call is recorded as a run (channel {@code test}).
 * The test itself succeeds (200) whatever the action's outcome; a bad request (inputs not an object, YAML that does
 * not load) is a 4xx. The rules are the {@link TestService}'s.
 */
final class TestRoutes {
  private final TestService tests;

  TestRoutes(TestService tests) {
    this.tests = tests;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.post("/api/connectors/{connector}/actions/{action}/test", access.admin(this::test));
  }

  private void test(Context ctx, Access.Caller caller) {
    ObjectNode body = Json.body(ctx, "inputs", "yaml");
    ObjectNode inputs = Json.object(body, "inputs");
    Optional<String> yaml = Json.optionalText(body, "yaml");
    TestService.TestRun run = tests.test(caller.name(), "test", ctx.pathParam("connector"), ctx.pathParam("action"), inputs, yaml);
    ObjectNode answer = Json.MAPPER.createObjectNode();
    run.runId().ifPresent(id -> answer.put("run_id", id));
    if (run.result().isPresent()) {
      ActionResult ok = run.result().get();
      answer.put("outcome", "ok").put("status", ok.status());
      ObjectNode headers = answer.putObject("headers");
      ok.headers().forEach((name, list) -> headers.put(name, String.join(", ", list)));
      answer.set("body", ok.body());
      answer.set("output", ok.output());
      answer.set("output_schema", run.outputSchema().orElseThrow());
      answer.put("duration_ms", ok.durationMs());
      ok.nextCursor().ifPresent(c -> answer.put("next_cursor", c));
    } else {
      ActionError e = run.error().orElseThrow();
      answer.put("outcome", "error");
      ObjectNode error = answer.putObject("error").put("category", e.category().wireName()).put("message", e.getMessage());
      if (e.status() > 0) {
        error.put("status", e.status());
      }
      e.errorCode().ifPresent(v -> error.put("error_code", v));
      e.errorSummary().ifPresent(v -> error.put("error_summary", v));
      e.requestId().ifPresent(v -> error.put("request_id", v));
      e.field().ifPresent(v -> error.put("field", v));
    }
    ArrayNode exchanges = answer.putArray("exchanges");
    run.exchanges().forEach(x -> {
      ObjectNode o = exchanges.addObject().put("method", x.method()).put("path", x.path()).put("status", x.status())
          .put("duration_ms", x.durationMs());
      x.requestId().ifPresent(id -> o.put("request_id", id));
      x.rateLimitRemaining().ifPresent(n -> o.put("rate_limit_remaining", n));
    });
    Json.write(ctx, answer);
  }
}
