package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.output.SchemaInference;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.Engine;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Workspace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Test: runs a saved action, or an unsaved version of it (its YAML in the request), with example inputs, and answers
 * the upstream status, headers, body, the action's output and the output schema inferred from it (JSON Schema
 * 2020-12, as "generate output schema" does), or the error; the call is recorded as a run (channel {@code test}).
 * The test itself succeeds (200) whatever the action's outcome; a bad request (inputs not an object, YAML that does
 * not load) is a 4xx.
 */
final class TestRoutes {
  private final Workspace workspace;
  private final WorkspaceRuntime runtime;
  private final RunRecorder recorder;

  TestRoutes(Workspace workspace, WorkspaceRuntime runtime, RunRecorder recorder) {
    this.workspace = workspace;
    this.runtime = runtime;
    this.recorder = recorder;
  }

  void addTo(RoutesConfig routes, Access access) {
    routes.post("/api/connectors/{connector}/actions/{action}/test", access.admin(this::test));
  }

  private void test(Context ctx, Access.Caller caller) {
    String connector = ctx.pathParam("connector");
    String action = ctx.pathParam("action");
    ObjectNode body = Json.body(ctx);
    ObjectNode inputs = Json.object(body, "inputs");
    Optional<String> yaml = Json.optionalText(body, "yaml");
    if (yaml.isEmpty()) {
      WorkspaceRuntime.Compiled compiled = runtime.connector(connector).orElseThrow(() -> ApiProblem.notFound("connector '"
          + connector + "' does not exist or does not load"));
      Engine engine = compiled.engine();
      ActionPlan plan = engine.catalog().find(connector + "." + action).orElseThrow(() -> ApiProblem.notFound("connector '" + connector
          + "' has no action '" + action + "'; give its yaml to test an unsaved action"));
      Json.write(ctx, run(connector, action, caller, inputs, engine, plan, runtime.actionVersion(connector, action)));
      return;
    }
    List<Document> files = workspace.documents().files(connector);
    if (files.isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    ConnectorDefinition definition = DefinitionCheck.load(connector, files, Map.of(Document.actionFile(action), Optional.of(yaml.get())));
    Engine temporary = runtime.engine(definition, runtime.settings(connector), workspace.credentials().list(connector).isEmpty());
    try {
      ActionPlan plan = temporary.catalog().find(connector + "." + action).orElseThrow(() -> ApiProblem.badRequest("yaml",
          "the YAML defines no action '" + action + "' (its name field must be '" + action + "')"));
      Json.write(ctx, run(connector, action, caller, inputs, temporary, plan, OptionalInt.empty()));
    } finally {
      temporary.close();
    }
  }

  /** Runs the action once, records the run, and answers what it did. */
  private ObjectNode run(String connector, String action, Access.Caller caller, ObjectNode inputs, Engine engine, ActionPlan plan,
      OptionalInt version) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    inputs.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    RunRecorder.Call call = new RunRecorder.Call(connector, action, version, caller.name(), "test", inputs, engine.redactor());
    RunRecorder.Recorded<Object> recorded = recorder.run(call, options -> {
      try (Stream<ActionResult> pages = engine.pages(plan, values, options)) {
        return pages.findFirst().orElseThrow();
      } catch (ActionError e) {
        return e.scrubbed(engine.redactor()::scrub);
      }
    }, r -> r instanceof ActionResult ok
        ? new RunRecorder.Outcome(true, Optional.empty(), Optional.empty(), OptionalInt.of(ok.status()), ok.output().toString())
        : outcome((ActionError) r));
    ObjectNode answer = Json.MAPPER.createObjectNode();
    recorded.runId().ifPresent(id -> answer.put("run_id", id));
    if (recorded.result() instanceof ActionResult ok) {
      answer.put("outcome", "ok").put("status", ok.status());
      ObjectNode headers = answer.putObject("headers");
      ok.headers().forEach((name, list) -> headers.put(name, String.join(", ", list)));
      answer.set("body", ok.body());
      answer.set("output", ok.output());
      answer.set("output_schema", SchemaInference.infer(ok.output()));
      answer.put("duration_ms", ok.durationMs());
      ok.nextCursor().ifPresent(c -> answer.put("next_cursor", c));
    } else {
      ActionError e = (ActionError) recorded.result();
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
    recorded.exchanges().forEach(x -> {
      ObjectNode o = exchanges.addObject().put("method", x.method()).put("path", x.path()).put("status", x.status())
          .put("duration_ms", x.durationMs());
      x.requestId().ifPresent(id -> o.put("request_id", id));
      x.rateLimitRemaining().ifPresent(n -> o.put("rate_limit_remaining", n));
    });
    return answer;
  }

  static RunRecorder.Outcome outcome(ActionError e) {
    return new RunRecorder.Outcome(false, Optional.of(e.category().wireName()), Optional.of(e.getMessage()),
        e.status() > 0 ? OptionalInt.of(e.status()) : OptionalInt.empty(), "");
  }
}
