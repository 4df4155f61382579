package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialRepositoryTest {
  static final String TOKEN = "00canaryCredentialValue7x9Q";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aCredentialIsWriteOnlyAndEncrypted(Database.Kind kind) throws Exception {
    Database db = TestDatabases.fresh(kind, dir);
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      ws.documents().save("okta", "connector.yaml", "name: okta\n", 0, "admin");
      Credential c = ws.credentials().set("okta", "okta_api_token", TOKEN + "\n", "admin");

      assertThat(c.last4()).isEqualTo("7x9Q");
      assertThat(ws.credentials().list("okta")).extracting(Credential::name, Credential::last4).containsExactly(
          org.assertj.core.groups.Tuple.tuple("okta_api_token", "7x9Q"));
      assertThat(ws.credentials().reveal("okta", "okta_api_token")).get().extracting(s -> s.value()).isEqualTo(TOKEN);
      assertThat(DatabaseScan.everyValue(ws.dataSource())).noneMatch(v -> v.contains(TOKEN));
      assertThat(ws.audit().list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)
          .items().get(0).event()).isEqualTo("credential.set");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void rotatingIsAuditedAndShortValuesShowNoCharacters(Database.Kind kind) {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      ws.credentials().set("okta", "okta_api_token", "first-value-0001", "admin");
      Credential second = ws.credentials().set("okta", "okta_api_token", "short", "admin");

      assertThat(second.last4()).isEmpty();
      assertThat(ws.credentials().reveal("okta", "okta_api_token").orElseThrow().value()).isEqualTo("short");
      assertThat(ws.audit().list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)
          .items()).extracting(AuditEvent::event).containsExactly("credential.rotated", "credential.set");
      ws.credentials().delete("okta", "okta_api_token", "admin");
      assertThat(ws.credentials().reveal("okta", "okta_api_token")).isEmpty();
      assertThatThrownBy(() -> ws.credentials().delete("okta", "okta_api_token", "admin"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.NOT_FOUND));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void anotherMasterKeyIsRefusedWithAMessage(Database.Kind kind) {
    Database db = TestDatabases.fresh(kind, dir);
    try (Workspace ws = Workspace.builder(db, TestDatabases.key()).open()) {
      ws.credentials().set("okta", "okta_api_token", TOKEN, "admin");
    }
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    try (Workspace ws = Workspace.builder(db, MasterKey.of(other)).open()) {
      assertThatThrownBy(() -> ws.credentials().reveal("okta", "okta_api_token"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("master_key"))
          .hasMessageContaining("another master key").hasMessageNotContaining(TOKEN);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void anEmptyValueIsRefused(Database.Kind kind) {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).open()) {
      assertThatThrownBy(() -> ws.credentials().set("okta", "okta_api_token", "  \n", "admin"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("value"));
    }
  }
}
