package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.workspace.ConfirmationTokenRepository.Redemption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessAndConfirmationTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void keysAreStoredHashedAndCarryTheirRole(Database.Kind kind) throws Exception {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      AccessKey.Created admin = ws.keys().create("admin", Role.ADMIN, List.of(), false, "system");
      AccessKey.Created agent = ws.keys().create("claude", Role.AGENT, List.of("okta_list_*"), true, "admin");

      assertThat(admin.secret()).startsWith("sbk_").hasSize(47);
      assertThat(ws.keys().authenticate(agent.secret())).get().satisfies(k -> {
        assertThat(k.role()).isEqualTo(Role.AGENT);
        assertThat(k.tools()).containsExactly("okta_list_*");
        assertThat(k.readOnly()).isTrue();
      });
      assertThat(ws.keys().authenticate("sbk_wrong")).isEmpty();
      assertThat(DatabaseScan.everyValue(ws.dataSource())).noneMatch(v -> v.contains(admin.secret()) || v.contains(agent.secret()));

      ws.keys().revoke("claude", "admin");
      assertThat(ws.keys().authenticate(agent.secret())).isEmpty();
      assertThatThrownBy(() -> ws.keys().revoke("admin", "admin")).isInstanceOfSatisfying(WorkspaceException.class,
          e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.CONFLICT)).hasMessageContaining("last admin key");
      assertThatThrownBy(() -> ws.keys().create("claude", Role.AGENT, List.of(), false, "admin"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("name"));
      assertThatThrownBy(() -> ws.keys().create("bad", Role.AGENT, List.of("okta list"), false, "admin"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("tools"));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aChosenAdminKeyIsAdoptedOnce(Database.Kind kind) {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      AccessKey first = ws.keys().adopt("admin", "a-chosen-admin-key-of-32-chars!!", Role.ADMIN, "system");
      AccessKey again = ws.keys().adopt("admin", "a-chosen-admin-key-of-32-chars!!", Role.ADMIN, "system");
      assertThat(again.id()).isEqualTo(first.id());
      assertThatThrownBy(() -> ws.keys().adopt("admin2", "short", Role.ADMIN, "system"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("key"));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aConfirmationTokenWorksOnceAcrossRestarts(Database.Kind kind) {
    Database db = TestDatabases.fresh(kind, dir);
    TestClock clock = new TestClock(Instant.parse("2026-03-01T00:00:00Z"));
    String token;
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).clock(clock).open()) {
      token = ws.confirmations().issue("okta_delete_user", "digest-1", "key_1", Duration.ofMinutes(5));
    }
    try (Workspace restarted = Workspace.builder(db, TestDatabases.key()).clock(clock).open()) {
      assertThat(restarted.confirmations().redeem(token, "okta_delete_user", "digest-1", "key_1")).isEqualTo(Redemption.CONFIRMED);
      assertThat(restarted.confirmations().redeem(token, "okta_delete_user", "digest-1", "key_1")).isEqualTo(Redemption.UNKNOWN);

      String other = restarted.confirmations().issue("okta_delete_user", "digest-1", "key_1", Duration.ofMinutes(5));
      assertThat(restarted.confirmations().redeem(other, "okta_delete_user", "digest-2", "key_1")).isEqualTo(Redemption.OTHER_ARGUMENTS);
      String late = restarted.confirmations().issue("okta_delete_user", "digest-1", "key_1", Duration.ofMinutes(5));
      clock.advance(Duration.ofMinutes(6));
      assertThat(restarted.confirmations().redeem(late, "okta_delete_user", "digest-1", "key_1")).isEqualTo(Redemption.EXPIRED);
      String someoneElses = restarted.confirmations().issue("okta_delete_user", "digest-1", "key_1", Duration.ofMinutes(5));
      assertThat(restarted.confirmations().redeem(someoneElses, "okta_delete_user", "digest-1", "key_2")).isEqualTo(Redemption.OTHER_TOOL);
    }
  }
}
