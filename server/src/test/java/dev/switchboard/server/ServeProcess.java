package dev.switchboard.server;

import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.MasterKey;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server in a child process, for tests that kill it: {@code ServeProcess KIND JDBC_URL [USER]} opens the workspace,
 * prepares it (admin key {@code sbk_test-admin-key-for-kill-tests-0000}), serves on a free port and prints
 * {@code url=http://127.0.0.1:PORT} on stdout. Runs until killed.
 */
public final class ServeProcess {
  static final String ADMIN_KEY = "sbk_test-admin-key-for-kill-tests-0000";

  private ServeProcess() {}

  /** @param args kind, JDBC URL, optional user */
  public static void main(String[] args) throws InterruptedException {
    Database db = new Database(Database.Kind.valueOf(args[0]), args[1], args.length > 2 ? Optional.of(args[2]) : Optional.empty(),
        Optional.empty());
    MasterKey key = TestDatabases.key();
    Workspace ws = Workspace.builder(db, key).open();
    FirstStart.prepare(ws, Map.of(FirstStart.ADMIN_KEY_VARIABLE, ADMIN_KEY));
    SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
        .log(new PrintWriter(System.err, true)).build().start();
    System.out.println("url=" + server.uri());
    System.out.flush();
    Thread.currentThread().join();
  }
}
