package dev.switchboard.bench;

import java.net.URI;
import java.util.Locale;

/**
 * One way of calling Okta's Users API from Java, as the benchmarks compare them: a Switchboard action, the JDK's
 * {@link java.net.http.HttpClient} by hand, or Okta's Java management SDK. Each client reads the fields an
 * application would (id, login, status) from every user it gets, so no client can skip decoding.
 *
 * <p>Instances are thread-safe for {@link #getUser}; {@link #listAll} runs on the calling thread.
 */
interface OktaClient extends AutoCloseable {

  /** The three clients, by the names used on the command line, in JSON results and in tables. */
  enum Kind {
    /** Switchboard: the {@code okta.get_user} and {@code okta.list_users} actions of the built-in catalog. */
    SWITCHBOARD("switchboard", "Switchboard"),
    /** {@code java.net.http.HttpClient} used directly, JSON read with Jackson, Link headers followed by hand. */
    HTTPCLIENT("httpclient", "HttpClient"),
    /** The same, asking for gzip (as Switchboard and the SDK do); the benchmark's sandboxes answer plain bytes anyway. */
    HTTPCLIENT_GZIP("httpclient-gzip", "HttpClient+gzip"),
    /** Okta's Java management SDK 24.0.0 ({@code UserApi}). */
    SDK("sdk", "Okta SDK"),
    /** Apache HttpClient 5 classic used directly (the library under Switchboard's transport); get and plain listing only. */
    APACHE("apache", "Apache HttpClient");

    /** The three clients of the issue, side by side in every section. */
    static final java.util.List<Kind> MAIN = java.util.List.of(SWITCHBOARD, HTTPCLIENT, SDK);
    /** The listings' clients: the three and HttpClient asking for gzip (Apache HttpClient is in the get section only). */
    static final java.util.List<Kind> LISTING = java.util.List.of(SWITCHBOARD, HTTPCLIENT, HTTPCLIENT_GZIP, SDK);

    private final String id;
    private final String label;

    Kind(String id, String label) {
      this.id = id;
      this.label = label;
    }

    /** Returns the name used on the command line and in JSON, e.g. {@code httpclient}. */
    String id() {
      return id;
    }

    /** Returns the name shown in tables, e.g. {@code Okta SDK}. */
    String label() {
      return label;
    }

    /**
     * Finds a kind by its id.
     *
     * @param id {@code switchboard}, {@code httpclient}, {@code httpclient-gzip}, {@code sdk} or {@code apache}
     * @return the kind
     * @throws IllegalArgumentException for any other name
     */
    static Kind of(String id) {
      for (Kind kind : values()) {
        if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown client '" + id + "'; one of switchboard, httpclient, httpclient-gzip, sdk, apache");
    }

    /**
     * Creates a client of this kind for one org.
     *
     * @param orgUrl the org's base URL, e.g. {@code http://127.0.0.1:43121}
     * @param token an API token of that org
     * @return the client
     */
    OktaClient create(URI orgUrl, String token) {
      return switch (this) {
        case SWITCHBOARD -> new SwitchboardClient(orgUrl, token);
        case HTTPCLIENT -> new DirectHttpClient(orgUrl, token, false);
        case HTTPCLIENT_GZIP -> new DirectHttpClient(orgUrl, token, true);
        case SDK -> new OktaSdkClient(orgUrl, token);
        case APACHE -> new DirectApacheClient(orgUrl, token);
      };
    }
  }

  /**
   * Gets one user, {@code GET /api/v1/users/{id}}.
   *
   * @param id the user's id or login
   * @return a checksum of the id, login and status read from the answer
   * @throws Exception whatever the client throws on a failure (a non-2xx answer included)
   */
  long getUser(String id) throws Exception;

  /**
   * Lists every user of the org, the plain listing 200 at a time, following each next link until the last
   * page, and reads each user's id, login and status. Pages are not kept.
   *
   * @return what the listing saw
   * @throws Exception whatever the client throws on a failure, a 429 it does not handle itself included
   */
  Listing listAll() throws Exception;

  /**
   * What one full listing saw.
   *
   * @param users users read
   * @param pages pages (successful requests)
   * @param rateLimited 429 answers received on the wire (retried by the client; none reached the caller)
   * @param checksum a checksum of the fields read, so the work cannot be optimised away
   */
  record Listing(long users, long pages, long rateLimited, long checksum) {}

  /** Checksums the fields an application reads. */
  static long checksum(String id, String login, String status) {
    return 31L * (31L * id.hashCode() + login.hashCode()) + status.hashCode();
  }
}
