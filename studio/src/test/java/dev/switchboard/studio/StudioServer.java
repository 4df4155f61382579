package dev.switchboard.studio;

import dev.switchboard.server.FirstStart;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A server with the studio on a fresh SQLite workspace, on a free loopback port, for tests; the admin key it made. */
final class StudioServer implements AutoCloseable {
  final Workspace workspace;
  final SwitchboardServer server;
  final String adminKey;

  StudioServer(Path dir) {
    this(Workspace.builder(Database.sqlite(dir.resolve("workspace.db")), TestDatabases.key()).open(), null);
  }

  /** {@return a server on the workspace a previous one left in a directory, with a new admin key} */
  static StudioServer reopen(Path dir) {
    Workspace ws = Workspace.builder(Database.sqlite(dir.resolve("workspace.db")), TestDatabases.key()).open();
    return new StudioServer(ws, ws.keys().create("bench-admin", dev.switchboard.workspace.Role.ADMIN, List.of(), false, "bench").secret());
  }

  String adminKey() {
    return adminKey;
  }

  private StudioServer(Workspace workspace, String key) {
    this.workspace = workspace;
    this.adminKey = key != null ? key : FirstStart.prepare(workspace, Map.of()).generatedKey().orElseThrow();
    this.server = SwitchboardServer.builder(workspace, new ServerOptions("127.0.0.1", 0, List.of())).extension(new Studio()).build().start();
  }

  /** {@return another server on the same workspace (another instance of the same database)} */
  SwitchboardServer another() {
    return SwitchboardServer.builder(workspace, new ServerOptions("127.0.0.1", 0, List.of())).extension(new Studio()).build().start();
  }

  URI uri() {
    return server.uri();
  }

  @Override
  public void close() {
    server.close();
    workspace.close();
  }
}
