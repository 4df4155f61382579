package dev.switchboard.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DocumentRepositoryTest {
  static final String CONNECTOR = "name: shop\nbase_url: https://shop.example.com\n";
  static final String LIST = "name: list_orders\nmethod: GET\npath: /orders\n";

  @TempDir
  Path dir;

  Workspace open(Database.Kind kind, TestClock clock) {
    return Workspace.builder(TestDatabases.fresh(kind, dir), TestDatabases.key()).clock(clock).open();
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void savesKeepEveryVersionWithWhoAndWhen(Database.Kind kind) {
    TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Workspace ws = open(kind, clock)) {
      ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "alice");
      Document v1 = ws.documents().save("shop", "actions/list_orders.yaml", LIST, 0, "alice");
      clock.advance(Duration.ofMinutes(1));
      Document v2 = ws.documents().save("shop", "actions/list_orders.yaml", LIST + "description: Lists orders.\n", 1, "bob");

      assertThat(v1.version()).isEqualTo(1);
      assertThat(v2.version()).isEqualTo(2);
      assertThat(ws.documents().find("shop", "actions/list_orders.yaml")).get()
          .extracting(Document::text, Document::savedBy).containsExactly(LIST + "description: Lists orders.\n", "bob");
      assertThat(ws.documents().history("shop", "actions/list_orders.yaml"))
          .extracting(DocumentVersion::version, DocumentVersion::change, DocumentVersion::savedBy)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "changed", "bob"), org.assertj.core.groups.Tuple.tuple(1, "created", "alice"));
      assertThat(ws.documents().version("shop", "actions/list_orders.yaml", 1).text()).isEqualTo(LIST);
      assertThat(ws.audit().list(Optional.empty(), Optional.of("shop/"), Optional.empty(), Optional.empty(), Optional.empty(), 10).items())
          .extracting(AuditEvent::event, AuditEvent::actor)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("action.changed", "bob"),
              org.assertj.core.groups.Tuple.tuple("action.created", "alice"), org.assertj.core.groups.Tuple.tuple("connector.created", "alice"));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void aStaleSaveIsAConflictNamingWhoSavedInBetween(Database.Kind kind) {
    try (Workspace ws = open(kind, new TestClock(Instant.parse("2026-01-01T00:00:00Z")))) {
      ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "alice");
      ws.documents().save("shop", "connector.yaml", CONNECTOR + "title: Shop\n", 1, "bob");

      assertThatThrownBy(() -> ws.documents().save("shop", "connector.yaml", CONNECTOR + "title: Mine\n", 1, "alice"))
          .isInstanceOfSatisfying(EditConflictException.class, e -> {
            assertThat(e.savedBy()).isEqualTo("bob");
            assertThat(e.currentVersion()).isEqualTo(2);
            assertThat(e.getMessage()).contains("saved by bob").contains("base_version 2");
          });
      assertThat(ws.documents().find("shop", "connector.yaml").orElseThrow().text()).contains("title: Shop");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void creatingAFileThatExistsIsAConflict(Database.Kind kind) {
    try (Workspace ws = open(kind, new TestClock(Instant.EPOCH))) {
      ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "alice");
      assertThatThrownBy(() -> ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "bob"))
          .isInstanceOf(EditConflictException.class).hasMessageContaining("saved by alice");
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void anActionNeedsItsConnectorAndValidNames(Database.Kind kind) {
    try (Workspace ws = open(kind, new TestClock(Instant.EPOCH))) {
      assertThatThrownBy(() -> ws.documents().save("shop", "actions/list_orders.yaml", LIST, 0, "alice"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.NOT_FOUND))
          .hasMessageContaining("connector 'shop' does not exist");
      assertThatThrownBy(() -> ws.documents().save("Shop!", "connector.yaml", CONNECTOR, 0, "alice"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("connector"));
      assertThatThrownBy(() -> ws.documents().save("shop", "../etc/passwd", CONNECTOR, 0, "alice"))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.field()).contains("file"));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void diffAndRestore(Database.Kind kind) {
    try (Workspace ws = open(kind, new TestClock(Instant.EPOCH))) {
      ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "alice");
      ws.documents().save("shop", "actions/list_orders.yaml", LIST, 0, "alice");
      ws.documents().save("shop", "actions/list_orders.yaml", LIST.replace("/orders", "/v2/orders"), 1, "bob");

      String diff = ws.documents().diff("shop", "actions/list_orders.yaml", 1, 2);
      assertThat(diff).contains("--- shop/actions/list_orders.yaml (version 1)").contains("-path: /orders").contains("+path: /v2/orders");
      assertThat(ws.documents().diff("shop", "actions/list_orders.yaml", 1, 1)).isEmpty();

      Document restored = ws.documents().restore("shop", "actions/list_orders.yaml", 1, 2, "carol");
      assertThat(restored.version()).isEqualTo(3);
      assertThat(restored.text()).isEqualTo(LIST);
      assertThat(ws.documents().history("shop", "actions/list_orders.yaml").get(0).change()).isEqualTo("restored");
      assertThatThrownBy(() -> ws.documents().version("shop", "actions/list_orders.yaml", 9))
          .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.kind()).isEqualTo(WorkspaceException.Kind.NOT_FOUND));
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void deletingTheConnectorDeletesItsFilesAndCredentialsAndKeepsHistory(Database.Kind kind) {
    try (Workspace ws = open(kind, new TestClock(Instant.EPOCH))) {
      ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "alice");
      ws.documents().save("shop", "actions/list_orders.yaml", LIST, 0, "alice");
      ws.credentials().set("shop", "shop_token", "tok-1234567890abcdef", "alice");

      ws.documents().delete("shop", "connector.yaml", 1, "bob");

      assertThat(ws.documents().connectors()).isEmpty();
      assertThat(ws.credentials().list("shop")).isEmpty();
      assertThat(ws.documents().history("shop", "actions/list_orders.yaml").get(0).deleted()).isTrue();
      Document again = ws.documents().restore("shop", "connector.yaml", 1, 0, "carol");
      assertThat(again.version()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Database.Kind.class)
  void replaceAllMakesTheWorkspaceTheFolder(Database.Kind kind) {
    try (Workspace ws = open(kind, new TestClock(Instant.EPOCH))) {
      ws.documents().save("shop", "connector.yaml", CONNECTOR, 0, "alice");
      ws.documents().save("shop", "actions/list_orders.yaml", LIST, 0, "alice");
      ws.documents().save("old", "connector.yaml", "name: old\n", 0, "alice");

      DocumentRepository.ImportSummary summary = ws.documents().replaceAll(Map.of(
          "shop", Map.of("connector.yaml", CONNECTOR, "actions/get_order.yaml", "name: get_order\n"),
          "new", Map.of("connector.yaml", "name: new\n", "settings.yaml", "org_url: https://x.example.com\n")), "importer");

      assertThat(summary).isEqualTo(new DocumentRepository.ImportSummary(3, 0, 2, 1));
      assertThat(ws.documents().all()).extracting(Document::path).containsExactly("new/connector.yaml", "new/settings.yaml",
          "shop/actions/get_order.yaml", "shop/connector.yaml");
      assertThat(ws.documents().history("shop", "actions/list_orders.yaml").get(0).change()).isEqualTo("imported");
    }
  }
}
