package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.run.CallOptions;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.workspace.Exchange;
import dev.switchboard.workspace.Run;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every call through REST, MCP or the studio as a {@link Run}: it queues the run's start (outcome
 * {@code running}), runs the call with an exchange observer ({@link CallOptions}) collecting its HTTP exchanges, then
 * queues its end (inputs and messages scrubbed by the connector's redactor, the output cut to 64 KB). The workspace
 * writes both in the background, many runs per transaction ({@link dev.switchboard.workspace.RunRepository#begin}),
 * so a call never waits for the database. A run that cannot be written is reported in the log; the call's answer is
 * not lost for it.
 * With recording off (a benchmark's baseline) calls run as they are. Thread-safe.
 */
final class RunRecorder {
  private final Workspace workspace;
  private final Clock clock;
  private final boolean enabled;
  private final PrintWriter log;
  private final Runnable counted;

  /**
   * What a call came to, for its run record.
   *
   * @param ok whether it succeeded
   * @param errorCategory the error's category when it failed
   * @param errorMessage the error's message when it failed (already scrubbed)
   * @param status the last upstream status, when known
   * @param output the output as compact JSON, when it succeeded
   */
  record Outcome(boolean ok, Optional<String> errorCategory, Optional<String> errorMessage, OptionalInt status, String output) {}

  /**
   * Who called what.
   *
   * @param connector the connector
   * @param action the action
   * @param version the saved version that runs, empty for an unsaved action
   * @param caller the access key's name
   * @param channel rest, mcp, test or studio
   * @param inputs the inputs as given
   * @param redactor the connector's redactor, which knows its secrets
   */
  record Call(String connector, String action, OptionalInt version, String caller, String channel, JsonNode inputs, Redactor redactor) {}

  RunRecorder(Workspace workspace, Clock clock, boolean enabled, PrintWriter log) {
    this(workspace, clock, enabled, log, () -> { });
  }

  /**
   * @param counted what runs once per recorded call (the server instance counts its calls)
   */
  RunRecorder(Workspace workspace, Clock clock, boolean enabled, PrintWriter log, Runnable counted) {
    this.workspace = workspace;
    this.clock = clock;
    this.enabled = enabled;
    this.log = log;
    this.counted = counted;
    workspace.runs().reportFailuresTo(line -> {
      log.println("switchboard serve: " + line);
      log.flush();
    });
  }

  /**
   * Runs a call and records it.
   *
   * @param call who called what
   * @param work the call, given the options that observe its exchanges
   * @param outcome what the result means for the record
   * @param <T> the result
   * @return the result and the run's id (empty when recording is off)
   */
  <T> Recorded<T> run(Call call, Function<CallOptions, T> work, Function<T, Outcome> outcome) {
    if (!enabled) {
      return new Recorded<>(work.apply(CallOptions.DEFAULT), Optional.empty(), List.of());
    }
    Instant started = clock.instant();
    long start = System.nanoTime();
    String id = workspace.runs().newId();
    Redactor r = call.redactor();
    String inputs = r.scrub(call.inputs()).toString();
    counted.run();
    boolean queued = queue(() -> workspace.runs().begin(new Run(id, started, call.connector(), call.action(), call.version(),
        call.caller(), call.channel(), inputs, Run.RUNNING, Optional.empty(), Optional.empty(), OptionalInt.empty(), List.of(), "",
        false, 0)), call);
    List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    T result;
    Outcome o;
    try {
      result = work.apply(new CallOptions(e -> exchanges.add(new Exchange(e.method(), e.path(), e.status(), e.durationMs(),
          e.requestId(), e.rateLimitRemaining()))));
      o = outcome.apply(result);
    } catch (RuntimeException e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      queue(() -> workspace.runs().end(new Run(id, started, call.connector(), call.action(), call.version(), call.caller(),
          call.channel(), inputs, Run.ERROR, Optional.of("internal"), Optional.of("the call failed inside Switchboard"),
          OptionalInt.empty(), exchanges, "", false, ms)), call);
      throw e;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    OptionalInt status = o.status().isPresent() ? o.status() : exchanges.isEmpty() ? OptionalInt.empty()
        : OptionalInt.of(exchanges.get(exchanges.size() - 1).status());
    Run finished = new Run(id, started, call.connector(), call.action(), call.version(), call.caller(), call.channel(), inputs,
        o.ok() ? Run.OK : Run.ERROR, o.errorCategory(), o.errorMessage().map(r::scrub), status, exchanges,
        o.ok() ? r.scrub(o.output()) : "", false, ms);
    queued &= queue(() -> workspace.runs().end(finished), call);
    return new Recorded<>(result, queued ? Optional.of(id) : Optional.empty(), exchanges);
  }

  private boolean queue(Runnable write, Call call) {
    try {
      write.run();
      return true;
    } catch (RuntimeException e) {
      log.println("switchboard serve: the run of " + call.connector() + "." + call.action() + " could not be recorded: "
          + e.getClass().getSimpleName());
      log.flush();
      return false;
    }
  }

  /**
   * A call's result with its run.
   *
   * @param result the call's result
   * @param runId the run's id, when recorded
   * @param exchanges the call's exchanges
   * @param <T> the result
   */
  record Recorded<T>(T result, Optional<String> runId, List<Exchange> exchanges) {}
}
