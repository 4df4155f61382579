package dev.switchboard.mcp;

import dev.switchboard.core.agent.OutputBudget;
import dev.switchboard.mcp.confirm.Confirmation;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The server the stdio tests and the benchmark launch as a subprocess, wired as {@code switchboard mcp} wires
 * it: {@code java -cp <test class path> dev.switchboard.mcp.StdioTestServer DEFS_DIR [--no-confirm]}, with
 * SHOP_URL, SHOP_API_KEY, OKTA_ORG_URL and OKTA_API_TOKEN in its environment.
 */
public final class StdioTestServer {
  private StdioTestServer() {}

  /**
   * Serves until stdin ends.
   *
   * @param args the definitions directory, then optionally {@code --no-confirm}
   * @throws InterruptedException when interrupted
   */
  public static void main(String[] args) throws InterruptedException {
    PrintWriter err = new PrintWriter(System.err, true);
    SwitchboardMcpServer server = SwitchboardMcpServer.builder(Fixtures.engine(Fixtures.catalog(Path.of(args[0])), System.getenv()))
        .budget(OutputBudget.DEFAULT)
        .confirmation(args.length > 1 && args[1].equals("--no-confirm") ? Confirmation.OFF : Confirmation.ASK)
        .note("This is a test server.")
        .log(err)
        .build();
    StdioConnection connection = server.serveStdio(System.in, System.out);
    connection.awaitEnd();
    connection.close();
    System.exit(0);
  }
}
