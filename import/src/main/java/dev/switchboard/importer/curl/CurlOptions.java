package dev.switchboard.importer.curl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command-line options of curl that an import recognises: whether each takes an argument, and how the importer
 * treats it. Names and arguments follow curl's manual (curl 8.x, https://curl.se/docs/manpage.html).
 */
final class CurlOptions {
  /** How the importer treats an option. */
  enum Use {
    /** Read: it shapes the request (-X, -H, -d, -u, --url...). */
    READ,
    /** Accepted and reported as ignored: it changes only what curl prints or how it connects. */
    IGNORED,
    /** Refused with an error naming it: it needs a file, multipart, or an auth scheme the engine lacks. */
    REFUSED
  }

  /**
   * One option.
   *
   * @param name the long name without dashes
   * @param shortName the one-letter form, or 0
   * @param takesArgument whether the next word (or the rest of a short cluster) is its argument
   * @param use how the importer treats it
   * @param why for IGNORED and REFUSED, the explanation shown to the user
   */
  record Option(String name, char shortName, boolean takesArgument, Use use, String why) {}

  private static final Map<String, Option> LONG = new HashMap<>();
  private static final Map<Character, Option> SHORT = new HashMap<>();

  private static final String PRINTING = "only changes what curl prints; the engine reads the response itself";
  private static final String CONNECTING = "only changes how curl connects; the engine uses its own transport settings";

  static {
    read("request", 'X', true);
    read("header", 'H', true);
    read("data", 'd', true);
    read("data-ascii", (char) 0, true);
    read("data-raw", (char) 0, true);
    read("data-binary", (char) 0, true);
    read("data-urlencode", (char) 0, true);
    read("json", (char) 0, true);
    read("url", (char) 0, true);
    read("url-query", (char) 0, true);
    read("user", 'u', true);
    read("get", 'G', false);
    read("head", 'I', false);
    read("oauth2-bearer", (char) 0, true);
    read("globoff", 'g', false);
    read("basic", (char) 0, false);
    read("user-agent", 'A', true);
    read("referer", 'e', true);
    read("cookie", 'b', true);
    ignored("include", 'i', false, "only makes curl print the response headers; the engine reads them itself");
    ignored("insecure", 'k', false, "was ignored: Switchboard always verifies TLS certificates (a self-signed"
        + " certificate makes the call fail; give the server a trusted certificate)");
    ignored("location", 'L', false, "was ignored: the engine follows same-origin redirects itself, and redirects to"
        + " a connector's allowed_hosts without credentials");
    ignored("location-trusted", (char) 0, false, "was ignored: credentials are never sent to another host on a redirect");
    ignored("compressed", (char) 0, false, "was ignored: the engine asks for gzip and deflate and decodes bodies itself");
    for (String name : List.of("silent", "show-error", "verbose", "fail", "fail-with-body", "progress-bar", "no-progress-meter",
        "no-buffer", "styled-output", "trace-time", "remote-name", "remote-header-name", "remote-time", "create-dirs",
        "xattr", "raw", "fail-early", "skip-existing", "remote-name-all")) {
      ignored(name, shortOf(name), false, PRINTING);
    }
    for (String name : List.of("output", "write-out", "dump-header", "trace", "trace-ascii", "stderr", "output-dir",
        "etag-save", "etag-compare", "time-cond", "range", "limit-rate", "max-filesize")) {
      ignored(name, shortOf(name), true, PRINTING);
    }
    for (String name : List.of("http1.0", "http1.1", "http2", "http2-prior-knowledge", "http3", "http3-only", "ipv4", "ipv6",
        "tcp-nodelay", "tcp-fastopen", "no-keepalive", "tlsv1", "tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3", "sslv2", "sslv3",
        "ssl-no-revoke", "ssl-revoke-best-effort", "ssl", "ssl-reqd", "no-alpn", "no-npn", "false-start", "no-sessionid",
        "path-as-is", "post301", "post302", "post303", "tr-encoding", "ignore-content-length", "suppress-connect-headers",
        "proxytunnel", "disable", "parallel", "parallel-immediate", "junk-session-cookies", "netrc", "netrc-optional",
        "anyauth", "disallow-username-in-url", "retry-connrefused", "retry-all-errors", "ca-native", "proxy-insecure")) {
      ignored(name, shortOf(name), false, CONNECTING);
    }
    for (String name : List.of("max-time", "connect-timeout", "retry", "retry-delay", "retry-max-time", "proxy", "proxy-user",
        "noproxy", "resolve", "connect-to", "cacert", "capath", "cookie-jar", "max-redirs", "interface", "local-port",
        "dns-servers", "keepalive-time", "expect100-timeout", "happy-eyeballs-timeout-ms", "ciphers", "tls-max",
        "proto", "proto-default", "proto-redir", "speed-limit", "speed-time", "parallel-max", "rate", "pinnedpubkey",
        "crlfile", "curves", "tls13-ciphers", "socks5", "socks5-hostname", "preproxy", "netrc-file")) {
      ignored(name, shortOf(name), true, CONNECTING);
    }
    refused("form", 'F', true, "sends a multipart/form-data upload, which Switchboard actions cannot send (they send JSON"
        + " bodies); call this endpoint another way, or with a JSON body if the API also takes one");
    refused("form-string", (char) 0, true, "sends a multipart/form-data upload, which Switchboard actions cannot send");
    refused("upload-file", 'T', true, "uploads a file, which Switchboard actions cannot do (they send JSON bodies)");
    refused("config", 'K', true, "reads more options from a file, which an import cannot see; paste the options instead");
    refused("digest", (char) 0, false, "asks for HTTP Digest authentication, which Switchboard does not support"
        + " (auth configs: none, api_key, bearer, basic, oauth2_client_credentials)");
    refused("ntlm", (char) 0, false, "asks for NTLM authentication, which Switchboard does not support");
    refused("negotiate", (char) 0, false, "asks for Negotiate (Kerberos) authentication, which Switchboard does not support");
    refused("aws-sigv4", (char) 0, true, "signs the request with AWS Signature Version 4, which Switchboard does not support");
    refused("cert", 'E', true, "presents a TLS client certificate, which Switchboard connectors do not support");
    refused("key", (char) 0, true, "gives a TLS client key, which Switchboard connectors do not support");
    refused("unix-socket", (char) 0, true, "connects through a Unix socket; Switchboard calls HTTPS URLs");
    refused("abstract-unix-socket", (char) 0, true, "connects through a Unix socket; Switchboard calls HTTPS URLs");
    refused("variable", (char) 0, true, "defines curl variables, which an import cannot expand; paste the values instead");
    refused("request-target", (char) 0, true, "sends a request target other than the URL's path, which Switchboard does not do");
    refused("next", ':', false, "starts a second request; import one request at a time");
  }

  private CurlOptions() {}

  private static char shortOf(String name) {
    return switch (name) {
      case "silent" -> 's';
      case "show-error" -> 'S';
      case "verbose" -> 'v';
      case "fail" -> 'f';
      case "progress-bar" -> '#';
      case "no-buffer" -> 'N';
      case "remote-name" -> 'O';
      case "remote-header-name" -> 'J';
      case "remote-time" -> 'R';
      case "output" -> 'o';
      case "write-out" -> 'w';
      case "dump-header" -> 'D';
      case "time-cond" -> 'z';
      case "range" -> 'r';
      case "http1.0" -> '0';
      case "ipv4" -> '4';
      case "ipv6" -> '6';
      case "tlsv1" -> '1';
      case "sslv2" -> '2';
      case "sslv3" -> '3';
      case "proxytunnel" -> 'p';
      case "disable" -> 'q';
      case "parallel" -> 'Z';
      case "junk-session-cookies" -> 'j';
      case "netrc" -> 'n';
      case "max-time" -> 'm';
      case "proxy" -> 'x';
      case "proxy-user" -> 'U';
      case "cookie-jar" -> 'c';
      case "speed-limit" -> 'Y';
      case "speed-time" -> 'y';
      default -> (char) 0;
    };
  }

  private static void read(String name, char shortName, boolean arg) {
    add(new Option(name, shortName, arg, Use.READ, ""));
  }

  private static void ignored(String name, char shortName, boolean arg, String why) {
    add(new Option(name, shortName, arg, Use.IGNORED, why));
  }

  private static void refused(String name, char shortName, boolean arg, String why) {
    add(new Option(name, shortName, arg, Use.REFUSED, why));
  }

  private static void add(Option option) {
    LONG.put(option.name(), option);
    if (option.shortName() != 0) {
      SHORT.put(option.shortName(), option);
    }
  }

  /** Finds a long option by name (without dashes); {@code no-NAME} finds a boolean option NAME. */
  static Optional<Option> longOption(String name) {
    Option o = LONG.get(name);
    if (o == null && name.startsWith("no-")) {
      o = LONG.get(name.substring(3));
      if (o != null && o.takesArgument()) {
        o = null;
      }
    }
    return Optional.ofNullable(o);
  }

  /** Finds a short option by its letter. */
  static Optional<Option> shortOption(char letter) {
    return Optional.ofNullable(SHORT.get(letter));
  }

  /** Returns every long name, sorted, for "did you mean" suggestions. */
  static Set<String> longNames() {
    return new TreeSet<>(LONG.keySet());
  }
}
