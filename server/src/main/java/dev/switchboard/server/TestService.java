package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.ConnectorDefinition;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.output.SchemaInference;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.Engine;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Exchange;
import dev.switchboard.workspace.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Test: runs a saved action, or an unsaved version of it (its YAML), with example inputs, on the connector's saved
 * settings and credentials, and records the call as a run. An unsaved text equal to the saved one runs on the
 * compiled connector; another is compiled for this call only. Shared by the REST API and the studio. Thread-safe.
 */
public final class TestService {
  private final Workspace workspace;
  private final WorkspaceRuntime runtime;
  private final RunRecorder recorder;

  TestService(Workspace workspace, WorkspaceRuntime runtime, RunRecorder recorder) {
    this.workspace = workspace;
    this.runtime = runtime;
    this.recorder = recorder;
  }

  /**
   * What a test came to.
   *
   * @param runId the run recorded, when recording is on
   * @param result the first page's result when the call succeeded
   * @param error the error (scrubbed of the connector's secrets) when it failed
   * @param exchanges each HTTP exchange
   * @param durationMs how long the action's call took, in milliseconds
   */
  public record TestRun(Optional<String> runId, Optional<ActionResult> result, Optional<ActionError> error, List<Exchange> exchanges,
      long durationMs) {
    /** {@return the JSON Schema (2020-12) inferred from the output, when the call succeeded} */
    public Optional<JsonNode> outputSchema() {
      return result.map(r -> SchemaInference.infer(r.output()));
    }

    /** {@return the JSON Schema (2020-12) inferred from the upstream body, when the call succeeded} */
    public Optional<JsonNode> bodySchema() {
      return result.map(r -> SchemaInference.infer(r.body()));
    }
  }

  /**
   * Runs a test.
   *
   * @param actor who (the access key's name)
   * @param channel the run's channel: {@code test} (REST) or {@code studio}
   * @param connector the connector
   * @param action the action
   * @param inputs example inputs by name
   * @param yaml the action's unsaved text, or empty to run the saved action
   * @return what happened; an action's failure is a result, not an exception
   * @throws ApiProblem 404 for an unknown connector or action, 422 for YAML that does not load, 400 for YAML naming
   *     another action
   */
  public TestRun test(String actor, String channel, String connector, String action, ObjectNode inputs, Optional<String> yaml) {
    Engine engine;
    Engine temporary = null;
    ActionPlan plan;
    OptionalInt version;
    try {
      Optional<WorkspaceRuntime.Compiled> compiled = runtime.connector(connector);
      Optional<String> unsaved = yaml.filter(text -> compiled.isEmpty()
          || workspace.documents().find(connector, ConnectorService.actionFile(action)).map(d -> !d.text().equals(text)).orElse(true));
      if (unsaved.isPresent()) {
        List<Document> files = workspace.documents().files(connector);
        if (files.isEmpty()) {
          throw ApiProblem.notFound("connector '" + connector + "' does not exist");
        }
        // through the connector's cache: only the unsaved action file is read again, not every action of the connector
        ConnectorDefinition definition = runtime.check(connector, files, Map.of(Document.actionFile(action), Optional.of(unsaved.get())))
            .definition();
        if (definition.actions().stream().noneMatch(a -> a.name().equals(action))) {
          throw ApiProblem.badRequest("yaml", "the YAML defines no action '" + action + "' (its name field must be '" + action + "')");
        }
        engine = runtime.engine(definition, runtime.settings(connector), workspace.credentials().list(connector).isEmpty());
        temporary = engine;
        plan = engine.catalog().find(connector + "." + action).orElseThrow();
        version = OptionalInt.empty();
      } else {
        engine = compiled.orElseThrow(() -> ApiProblem.notFound("connector '" + connector + "' does not exist or does not load")).engine();
        plan = engine.catalog().find(connector + "." + action).orElseThrow(() -> ApiProblem.notFound("connector '" + connector
            + "' has no action '" + action + "'; give its yaml to test an unsaved action"));
        version = runtime.actionVersion(connector, action);
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      inputs.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
      RunRecorder.Call call = new RunRecorder.Call(connector, action, version, actor, channel, inputs, engine.redactor());
      Engine e = engine;
      long start = System.nanoTime();
      RunRecorder.Recorded<Object> recorded = recorder.run(call, options -> {
        try (Stream<ActionResult> pages = e.pages(plan, values, options)) {
          return pages.findFirst().orElseThrow();
        } catch (ActionError error) {
          return error.scrubbed(e.redactor()::scrub);
        }
      }, r -> r instanceof ActionResult ok
          ? new RunRecorder.Outcome(true, Optional.empty(), Optional.empty(), OptionalInt.of(ok.status()), ok.output().toString())
          : outcome((ActionError) r));
      long ms = (System.nanoTime() - start) / 1_000_000;
      return recorded.result() instanceof ActionResult ok
          ? new TestRun(recorded.runId(), Optional.of(ok), Optional.empty(), recorded.exchanges(), ok.durationMs())
          : new TestRun(recorded.runId(), Optional.empty(), Optional.of((ActionError) recorded.result()), recorded.exchanges(), ms);
    } finally {
      if (temporary != null) {
        temporary.close();
      }
    }
  }

  static RunRecorder.Outcome outcome(ActionError e) {
    return new RunRecorder.Outcome(false, Optional.of(e.category().wireName()), Optional.of(e.getMessage()),
        e.status() > 0 ? OptionalInt.of(e.status()) : OptionalInt.empty(), "");
  }
}
