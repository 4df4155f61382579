package dev.switchboard.workspace;

import java.nio.file.Path;

/** The two databases every workspace test runs on: a fresh SQLite file and a fresh PostgreSQL database. */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * Returns a new, empty database of a kind.
   *
   * @param kind SQLite or PostgreSQL
   * @param dir a temporary directory (for the SQLite file)
   * @return the database
   */
  public static Database fresh(Database.Kind kind, Path dir) {
    return switch (kind) {
      case SQLITE -> Database.sqlite(dir.resolve("workspace-" + System.nanoTime() + ".db"));
      case POSTGRESQL -> TestPostgres.shared().newDatabase();
    };
  }

  /** {@return a fixed master key for tests} */
  public static MasterKey key() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7 + 3);
    }
    return MasterKey.of(key);
  }
}
