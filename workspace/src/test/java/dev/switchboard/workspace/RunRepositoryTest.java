package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RunRepositoryTest {
  @TempDir
  Path dir;

  static Run run(Workspace ws, String action, String outcome, String output) {
    return new Run(ws.runs().newId(), ws.clock().instant(), "okta", action, OptionalInt.of(1), "agent-1", "mcp",
        "{\"limit\":5}", outcome, outcome.equals(Run.OK) ? Optional.empty() : Optional.of("not_found"),
        outcome.equals(Run.OK) ? Optional.empty() : Optional.of("no such user"), OptionalInt.of(outcome.equals(Run.OK) ? 200 : 404),
        List.of(new Exchange("GET", "/api/v1/users", 200, 12, Optional.of("req-1"), OptionalLong.of(599))), output, false, 15);
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aRunKeepsItsExchangesAndAnExcerptOfItsOutput(Database.Kind kind) {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      String big = "[\"" + "é".repeat(40_000) + "\"]";
      Run r = run(ws, "list_users", Run.OK, big);
      ws.runs().record(r);

      Run back = ws.runs().find(r.id()).orElseThrow();
      assertThat(back.exchanges()).containsExactly(r.exchanges().get(0));
      assertThat(back.outputTruncated()).isTrue();
      assertThat(back.outputExcerpt().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Run.MAX_EXCERPT_BYTES);
      assertThat(big).startsWith(back.outputExcerpt());
      assertThat(back.actionVersion()).hasValue(1);
      assertThat(back.caller()).isEqualTo("agent-1");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void runsAreListedNewestFirstWithFiltersAndCursors(Database.Kind kind) {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).clock(clock).open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        Run r = run(ws, i % 2 == 0 ? "list_users" : "get_user", i == 3 ? Run.ERROR : Run.OK, "[]");
        ws.runs().record(r);
        ids.add(0, r.id());
        clock.advance(Duration.ofSeconds(1));
      }
      Page<Run> first = ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), 3));
      Page<Run> second = ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), first.nextCursor(), 3));
      Page<Run> third = ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), second.nextCursor(), 3));
      List<String> seen = new ArrayList<>();
      for (Page<Run> p : List.of(first, second, third)) {
        p.items().forEach(r -> seen.add(r.id()));
      }
      assertThat(seen).isEqualTo(ids);
      assertThat(third.nextCursor()).isEmpty();

      assertThat(ws.runs().list(new RunQuery(Optional.of("okta"), Optional.of("get_user"), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), 50)).items()).hasSize(3).allMatch(r -> r.action().equals("get_user"));
      assertThat(ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.of("error"), Optional.empty(),
          Optional.empty(), Optional.empty(), 50)).items()).singleElement().extracting(Run::errorCategory).isEqualTo(Optional.of("not_found"));
      assertThat(ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of(Instant.parse("2026-03-01T00:00:05Z")), Optional.empty(), Optional.empty(), 50)).items()).hasSize(2);
      assertThatThrownBy(() -> ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.of("garbage!"), 5))).isInstanceOfSatisfying(WorkspaceException.class,
          e -> assertThat(e.field()).contains("cursor"));
      // A cursor with a character added or cut (base64 forgives trailing bits) is refused, not read as a nearby position.
      String given = first.nextCursor().orElseThrow();
      for (String changed : List.of(given + "A", given + "x", given.substring(0, given.length() - 1))) {
        assertThatThrownBy(() -> ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of(changed), 3))).as(changed).isInstanceOfSatisfying(WorkspaceException.class,
            e -> assertThat(e.field()).contains("cursor"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void pruningKeepsTheRetentionsAgeAndCount(Database.Kind kind) {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).clock(clock)
        .retention(new Retention(Duration.ofDays(30), 5)).open()) {
      Run old = run(ws, "list_users", Run.OK, "[]");
      ws.runs().record(old);
      clock.advance(Duration.ofDays(31));
      List<String> recent = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        Run r = run(ws, "list_users", Run.OK, "[]");
        ws.runs().record(r);
        recent.add(0, r.id());
        clock.advance(Duration.ofMinutes(1));
      }

      assertThat(ws.runs().prune()).isEqualTo(3);
      assertThat(ws.runs().list(RunQuery.NEWEST).items()).extracting(Run::id).isEqualTo(recent.subList(0, 5));
      assertThat(ws.runs().prune()).isZero();
    }
  }

  static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));

  static Run started(Run finished) {
    return new Run(finished.id(), finished.startedAt(), finished.connector(), finished.action(), finished.actionVersion(),
        finished.caller(), finished.channel(), finished.inputs(), Run.RUNNING, Optional.empty(), Optional.empty(),
        OptionalInt.empty(), List.of(), "", false, 0);
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aRunIsSeenRunningAtItsStartAndAsItEndedAtItsEnd(Database.Kind kind) {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).clock(CLOCK).open()) {
      Run finished = run(ws, "list_users", Run.OK, "[{\"id\":\"00u1\"}]");
      ws.runs().begin(started(finished));

      Run running = ws.runs().find(finished.id()).orElseThrow();
      assertThat(running.outcome()).isEqualTo(Run.RUNNING);
      assertThat(running.exchanges()).isEmpty();
      assertThat(ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.of(Run.RUNNING), Optional.empty(),
          Optional.empty(), Optional.empty(), 50)).items()).extracting(Run::id).containsExactly(finished.id());

      ws.runs().end(finished);
      Run back = ws.runs().find(finished.id()).orElseThrow();
      assertThat(back).isEqualTo(finished);
      assertThat(ws.runs().count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void manyRunsQueuedTogetherAreAllWrittenAndClosingWritesWhatIsQueued(Database.Kind kind) {
    Database db = TestDatabases.fresh(kind, dir);
    List<Run> runs = new ArrayList<>();
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).clock(CLOCK).open()) {
      for (int i = 0; i < 2_500; i++) {
        Run r = run(ws, "get_user", i % 7 == 0 ? Run.ERROR : Run.OK, "{\"n\":" + i + "}");
        runs.add(r);
        ws.runs().begin(started(r));
        if (i % 3 != 0) {
          ws.runs().end(r);
        }
      }
      for (int i = 0; i < runs.size(); i += 3) {
        ws.runs().end(runs.get(i));
      }
    }
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).clock(CLOCK).open()) {
      assertThat(ws.runs().count()).isEqualTo(runs.size());
      for (Run r : List.of(runs.get(0), runs.get(1), runs.get(1_234), runs.get(2_499))) {
        assertThat(ws.runs().find(r.id())).contains(r);
      }
      assertThat(ws.runs().list(new RunQuery(Optional.empty(), Optional.empty(), Optional.of(Run.RUNNING), Optional.empty(),
          Optional.empty(), Optional.empty(), 50)).items()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aRunThatCannotBeWrittenIsReportedWithoutItsContentsAndTheOthersAreWritten(Database.Kind kind) {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).clock(CLOCK).open()) {
      List<String> reported = new ArrayList<>();
      ws.runs().reportFailuresTo(reported::add);
      Run first = run(ws, "list_users", Run.OK, "[\"canary-output\"]");
      ws.runs().record(first);
      Run other = run(ws, "list_users", Run.OK, "[]");

      ws.runs().begin(started(first));
      ws.runs().begin(started(other));
      ws.runs().end(other);
      ws.runs().flush();

      assertThat(reported).singleElement().asString().contains(first.id()).contains("okta.list_users")
          .doesNotContain("canary-output").doesNotContain("limit");
      assertThat(ws.runs().find(other.id())).contains(other);
      assertThat(ws.runs().find(first.id())).contains(first);
    }
  }
}
