package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
  @TempDir
  Path dir;

  @Test
  void aPostgresqlUrlBecomesJdbcWithItsCredentialsApart() {
    Database db = Database.parse("postgresql://switchboard:s%40cret@db.example.com:5433/workspace?sslmode=require");
    assertThat(db.kind()).isEqualTo(Database.Kind.POSTGRESQL);
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/workspace?sslmode=require");
    assertThat(db.user()).contains("switchboard");
    assertThat(db.password()).contains("s@cret");
    assertThat(db.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
  }

  @Test
  void aBadUrlIsNamedWithoutItsPassword() {
    assertThatThrownBy(() -> Database.parse("mysql://u:hunter2hunter2@h/db")).hasMessageContaining("postgresql://")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> Database.parse("postgresql://u:hunter2hunter2@h")).hasMessageContaining("names no database")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void openingAgainAppliesNoMigrationTwice(Database.Kind kind) {
    Database db = TestDatabases.fresh(kind, dir);
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      assertThat(ws.recordFactOnce("created_at", "1")).isTrue();
    }
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      assertThat(ws.recordFactOnce("created_at", "2")).isFalse();
      assertThat(ws.fact("created_at")).contains("1");
    }
  }

  @Test
  void anUnreachableDatabaseIsAClearError() {
    assertThatThrownBy(() -> Workspace.builder(Database.parse("postgresql://nobody@127.0.0.1:1/none"), TestDatabases.key()).open())
        .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("database"))
        .hasMessageContaining("cannot open the workspace in jdbc:postgresql://127.0.0.1:1/none");
  }
}
