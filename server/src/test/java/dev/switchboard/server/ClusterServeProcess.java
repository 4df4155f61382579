package dev.switchboard.server;

import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One instance of a cluster in a child process, for tests and benchmarks that kill it or put a load balancer in front:
 * {@code ClusterServeProcess JDBC_URL USER ALLOWED_HOST [memory]} opens the PostgreSQL workspace, prepares it (admin
 * key {@link Nodes#ADMIN}), serves on a free loopback port accepting {@code Host: ALLOWED_HOST} (the load balancer's),
 * with shared rate limits unless {@code memory} is given, and prints {@code url=http://127.0.0.1:PORT} and
 * {@code instance=ID} on stdout; its log goes to stderr. Runs until killed.
 */
public final class ClusterServeProcess {
  private ClusterServeProcess() {}

  /** @param args JDBC URL, user, allowed host, optionally {@code memory} */
  public static void main(String[] args) throws InterruptedException {
    Database db = new Database(Database.Kind.POSTGRESQL, args[0], Optional.of(args[1]), Optional.empty());
    Workspace ws = Workspace.builder(db, TestDatabases.key()).open();
    FirstStart.prepare(ws, Map.of(FirstStart.ADMIN_KEY_VARIABLE, Nodes.ADMIN));
    boolean shared = !(args.length > 3 && args[3].equals("memory"));
    SwitchboardServer server = SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of(), List.of(args[2])))
        .sharedRateLimits(shared).log(new PrintWriter(System.err, true)).build().start();
    System.out.println("url=" + server.uri());
    System.out.println("instance=" + server.instance().id());
    System.out.flush();
    Thread.currentThread().join();
  }
}
