package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiDocumentTest {
  @TempDir
  Path dir;

  @Test
  void theDocumentIsOpenApi31AndListsEveryRouteAndNoOther() {
    try (Workspace ws = Workspace.builder(TestDatabases.fresh(Database.Kind.SQLITE, dir), TestDatabases.key()).open();
        SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of())).build().start()) {
      ApiClient.Answer answer = new ApiClient(server.uri(), null).get("/api/openapi.json");
      assertThat(answer.status()).isEqualTo(200);
      JsonNode doc = answer.json();
      assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
      List<String> documented = new ArrayList<>();
      doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
          documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
      documented.sort(null);
      assertThat(documented).isEqualTo(server.routes().stream().filter(r -> r.contains(" /api/")).toList());
      doc.path("paths").forEach(p -> p.forEach(op -> op.path("responses").fieldNames().forEachRemaining(code ->
          assertThat(code).as("no operation documents a 500").isNotEqualTo("500"))));
    }
  }
}
