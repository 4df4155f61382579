package dev.switchboard.server;

import dev.switchboard.workspace.Database;
import dev.switchboard.workspace.TestDatabases;
import dev.switchboard.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Several server instances in this JVM on one database, each with its own workspace (its own connection pool, as a
 * process of its own would have) and its own log, for tests of what instances share. The admin key is {@link #ADMIN}.
 */
final class Nodes implements AutoCloseable {
  static final String ADMIN = "sbk_cluster-test-admin-key-00000000000";

  private final List<Node> nodes = new ArrayList<>();

  /** One instance: its workspace, server and log. */
  record Node(Workspace workspace, SwitchboardServer server, StringWriter logText) implements AutoCloseable {
    URI uri() {
      return server.uri();
    }

    String log() {
      return logText.toString();
    }

    ApiClient api() {
      return new ApiClient(uri(), ADMIN);
    }

    @Override
    public void close() {
      server.close();
      workspace.close();
    }
  }

  /**
   * Starts instances.
   *
   * @param db the database they share
   * @param count how many
   * @param tweak changes to each server's builder
   * @return the instances
   */
  static Nodes start(Database db, int count, UnaryOperator<SwitchboardServer.Builder> tweak) {
    Nodes n = new Nodes();
    try {
      for (int i = 0; i < count; i++) {
        n.add(db, tweak);
      }
    } catch (RuntimeException e) {
      n.close();
      throw e;
    }
    return n;
  }

  /** Starts one more instance. */
  Node add(Database db, UnaryOperator<SwitchboardServer.Builder> tweak) {
    Workspace ws = Workspace.builder(db, TestDatabases.key()).open();
    FirstStart.prepare(ws, Map.of(FirstStart.ADMIN_KEY_VARIABLE, ADMIN));
    StringWriter text = new StringWriter();
    SwitchboardServer server = tweak.apply(SwitchboardServer.builder(ws, new ServerOptions("127.0.0.1", 0, List.of()))
        .log(new PrintWriter(text, true))).build().start();
    Node node = new Node(ws, server, text);
    nodes.add(node);
    return node;
  }

  Node get(int i) {
    return nodes.get(i);
  }

  List<Node> all() {
    return nodes;
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      try {
        n.close();
      } catch (RuntimeException e) {
        // the next ones still close
      }
    }
  }
}
