package dev.switchboard.server;

import dev.switchboard.sandbox.OktaSandbox;
import java.io.PrintWriter;

/**
 * The in-process Okta sandbox a connector is bound to while it declares {@code sandbox: okta} and has neither
 * settings nor credentials (as the CLI does without OKTA_ORG_URL and OKTA_API_TOKEN): started on first use on a
 * free loopback port with {@value #USERS} generated users (seed {@value #SEED}, so every start sees the same org),
 * with one API token. Its changes last while the server runs. Thread-safe.
 */
final class EmbeddedOkta implements AutoCloseable {
  /** Users seeded into the embedded sandbox. */
  static final int USERS = 1000;
  /** The seed of its generated users. */
  static final long SEED = 42L;

  private final PrintWriter log;
  private OktaSandbox sandbox;
  private String token;

  EmbeddedOkta(PrintWriter log) {
    this.log = log;
  }

  /** {@return the sandbox's org URL, starting it on first use} */
  synchronized String orgUrl() {
    start();
    return sandbox.orgUrl().toString();
  }

  /** {@return the sandbox's API token, starting it on first use} */
  synchronized String token() {
    start();
    return token;
  }

  private void start() {
    if (sandbox != null) {
      return;
    }
    OktaSandbox s = OktaSandbox.builder().port(0).users(USERS).seed(SEED).build();
    s.start();
    token = s.createApiToken("Switchboard server");
    sandbox = s;
    log.println("switchboard serve: started the embedded Okta sandbox at " + s.orgUrl() + " (" + USERS + " generated users)");
    log.flush();
  }

  @Override
  public synchronized void close() {
    if (sandbox != null) {
      sandbox.close();
      sandbox = null;
    }
  }
}
