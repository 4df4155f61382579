package dev.switchboard.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the workspace lives: an embedded SQLite file or a PostgreSQL server.
 *
 * @param kind which database
 * @param jdbcUrl the JDBC URL, without credentials
 * @param user the PostgreSQL user, or empty
 * @param password the PostgreSQL password, or empty; never shown by {@link #toString()} or {@link #display()}
 */
public record Database(Kind kind, String jdbcUrl, Optional<String> user, Optional<String> password) {
  /** The environment variable that may hold a PostgreSQL URL: {@value}. */
  public static final String URL_VARIABLE = "SWITCHBOARD_DATABASE_URL";

  /** The databases the workspace runs on. */
  public enum Kind {
    /** An embedded SQLite file (one server instance). */
    SQLITE,
    /** A PostgreSQL server (one or more instances). */
    POSTGRESQL
  }

  /** Checks the parts. */
  public Database {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /**
   * An embedded SQLite file.
   *
   * @param file the database file; created with its directory when missing
   * @return the database
   */
  public static Database sqlite(Path file) {
    return new Database(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), Optional.empty(), Optional.empty());
  }

  /**
   * Reads a database URL as a user gives it: {@code postgresql://user:password@host:5432/db} (or {@code postgres://},
   * or a {@code jdbc:postgresql:} URL), or {@code sqlite:/path/to/file.db}.
   *
   * @param url the URL
   * @return the database
   * @throws IllegalArgumentException naming what is wrong and what would be right (never echoing a password)
   */
  public static Database parse(String url) {
    String text = url == null ? "" : url.strip();
    if (text.startsWith("sqlite:")) {
      String path = text.substring("sqlite:".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("the database URL sqlite: needs a file, such as sqlite:/var/lib/switchboard/workspace.db");
      }
      return sqlite(Path.of(path));
    }
    if (text.startsWith("jdbc:postgresql:")) {
      return new Database(Kind.POSTGRESQL, text, Optional.empty(), Optional.empty());
    }
    if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
      throw new IllegalArgumentException("the database URL must start with postgresql:// (such as"
          + " postgresql://switchboard:PASSWORD@db.example.com:5432/switchboard) or sqlite:; got "
          + (text.isEmpty() ? "nothing" : "'" + withoutPassword(text) + "'"));
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the database URL '" + withoutPassword(text) + "' is not a valid URL: " + e.getReason());
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("the database URL '" + withoutPassword(text) + "' names no host; give"
          + " postgresql://user:password@host:5432/database");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.length() <= 1) {
      throw new IllegalArgumentException("the database URL '" + withoutPassword(text) + "' names no database; give"
          + " postgresql://user:password@host:5432/database");
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
      password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new Database(Kind.POSTGRESQL, "jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
  }

  /** {@return the URL to show a person: the JDBC URL and the user, never the password} */
  public String display() {
    return jdbcUrl + user.map(u -> " (user " + u + ")").orElse("");
  }

  @Override
  public String toString() {
    return "Database[" + kind + " " + display() + "]";
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String withoutPassword(String text) {
    return text.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
  }
}
