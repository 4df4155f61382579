package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances starting at the same moment on one new PostgreSQL database (as a deployment of several {@code serve}
 * processes does): each prepares the workspace, none fails, and the workspace ends with one admin key (printed by the
 * one instance that created it) and one Okta connector. Before the first start wrote with {@code ON CONFLICT} and took
 * a duplicate key for the conflict it is, the instances that lost the race died with a database error.
 */
class FirstStartRaceTest {
  @TempDir
  Path dir;

  @Test
  void instancesStartingTogetherOnANewDatabaseAllComeUpWithOneKeyAndOneConnector() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 4; round++) {
        Database db = TestDatabases.fresh(Database.Kind.POSTGRESQL, dir.resolve("round" + round));
        List<Workspace> workspaces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          workspaces.add(Workspace.builder(db, TestDatabases.key()).open());
        }
        try {
          CyclicBarrier together = new CyclicBarrier(3);
          List<Future<FirstStart.Outcome>> starts = new ArrayList<>();
          for (Workspace ws : workspaces) {
            starts.add(pool.submit(() -> {
              together.await();
              return FirstStart.prepare(ws, Map.of());
            }));
          }
          int generated = 0;
          int seeded = 0;
          for (Future<FirstStart.Outcome> f : starts) {
            FirstStart.Outcome o = f.get(60, TimeUnit.SECONDS);
            generated += o.generatedKey().isPresent() ? 1 : 0;
            seeded += o.seeded() ? 1 : 0;
          }
          assertThat(generated).as("instances that printed a new admin key, round " + round).isEqualTo(1);
          assertThat(seeded).as("instances that added the Okta connector, round " + round).isEqualTo(1);
          assertThat(workspaces.get(0).keys().count()).isEqualTo(1);
          assertThat(workspaces.get(0).documents().connectors()).hasSize(1);
        } finally {
          workspaces.forEach(Workspace::close);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
