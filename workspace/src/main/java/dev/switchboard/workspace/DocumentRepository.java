package dev.switchboard.workspace;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Connectors and actions as the YAML files {@code --defs} reads, one {@link Document} per file of a connector's
 * folder, each save a new version with who and when. A save names the version it was based on; when another save
 * came in between it fails with {@link EditConflictException} naming who made it. Every change, its versions and
 * its audit event are one transaction. The repository keeps text as given and checks only names and sizes; whether
 * the YAML is a valid definition is the caller's to check before saving. Thread-safe.
 */
public final class DocumentRepository {
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;

  DocumentRepository(Jdbi jdbi, Clock clock, AuditLog audit) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
  }

  /** {@return the names of the connectors in the workspace, sorted} */
  public List<String> connectors() {
    return jdbi.withExtension(DocumentRows.class, DocumentRows::connectors);
  }

  /**
   * Returns every connector's {@code connector.yaml} version and action count, without any text (one query, cheap
   * with hundreds of connectors).
   *
   * @return the summaries, sorted by connector
   */
  public List<ConnectorSummary> summaries() {
    return jdbi.withExtension(DocumentRows.class, DocumentRows::summaries);
  }

  /** {@return every current file of every connector, sorted by connector and file} */
  public List<Document> all() {
    return jdbi.withExtension(DocumentRows.class, DocumentRows::all);
  }

  /** {@return which version of every file of every connector is current, without texts, sorted by connector and file} */
  public List<FileVersion> versions() {
    return jdbi.withExtension(DocumentRows.class, DocumentRows::versions);
  }

  /**
   * Returns a connector's current files.
   *
   * @param connector the connector
   * @return its files, sorted; empty when there is no such connector
   */
  public List<Document> files(String connector) {
    return jdbi.withExtension(DocumentRows.class, rows -> rows.files(connector));
  }

  /**
   * Finds a current file.
   *
   * @param connector the connector
   * @param file the file, such as {@code actions/list_users.yaml}
   * @return the file, or empty
   */
  public Optional<Document> find(String connector, String file) {
    return jdbi.withExtension(DocumentRows.class, rows -> rows.current(connector, file));
  }

  /**
   * Saves a file: creates it (base version 0) or replaces the version it was based on. Saving the text the file
   * already has changes nothing and returns the current version.
   *
   * @param connector the connector's name; it must exist unless the file is {@code connector.yaml}
   * @param file the file
   * @param text the YAML text, up to 1 MB
   * @param baseVersion the version this save was based on; 0 to create
   * @param actor who saves
   * @return the saved file
   * @throws EditConflictException when the current version is not {@code baseVersion}
   * @throws WorkspaceException (invalid) for a bad name or size; (not found) for an action of a connector that does
   *     not exist, or a base version of a file that never existed
   */
  public Document save(String connector, String file, String text, int baseVersion, String actor) {
    Names.connector(connector);
    Names.file(file);
    checkText(text);
    return inTransaction(h -> save(h, connector, file, text, baseVersion, actor, null));
  }

  private Document save(Handle h, String connector, String file, String text, int baseVersion, String actor, String change) {
    DocumentRows rows = h.attach(DocumentRows.class);
    long now = clock.millis();
    Optional<Document> current = rows.current(connector, file);
    String path = connector + "/" + file;
    if (current.isEmpty()) {
      Optional<DocumentVersion> latest = rows.latest(connector, file);
      if (baseVersion != 0) {
        if (latest.isPresent()) {
          throw new EditConflictException(path, baseVersion, 0, latest.get().savedBy(), latest.get().savedAt());
        }
        throw WorkspaceException.notFound(path + " does not exist; to create it, save with base_version 0");
      }
      if (!file.equals(Document.CONNECTOR_FILE) && rows.current(connector, Document.CONNECTOR_FILE).isEmpty()) {
        throw WorkspaceException.notFound("connector '" + connector + "' does not exist; save its "
            + Document.CONNECTOR_FILE + " first");
      }
      int version = latest.map(v -> v.version() + 1).orElse(1);
      rows.insert(connector, file, version, text, actor, now);
      String how = change != null ? change : "created";
      rows.addVersion(connector, file, version, text, how, actor, now);
      audit.append(h, actor, kind(file) + "." + how, path, "version " + version);
      return new Document(connector, file, version, text, actor, Instant.ofEpochMilli(now));
    }
    Document cur = current.get();
    if (cur.version() != baseVersion) {
      throw new EditConflictException(path, baseVersion, cur.version(), cur.savedBy(), cur.savedAt());
    }
    if (cur.text().equals(text)) {
      return cur;
    }
    int version = rows.latest(connector, file).map(v -> v.version() + 1).orElse(cur.version() + 1);
    if (rows.update(connector, file, baseVersion, version, text, actor, now) != 1) {
      Document now2 = rows.current(connector, file).orElse(cur);
      throw new EditConflictException(path, baseVersion, now2.version(), now2.savedBy(), now2.savedAt());
    }
    String how = change != null ? change : "changed";
    rows.addVersion(connector, file, version, text, how, actor, now);
    audit.append(h, actor, kind(file) + "." + how, path, "version " + version);
    return new Document(connector, file, version, text, actor, Instant.ofEpochMilli(now));
  }

  /**
   * Creates a connector with its files in one transaction (such as an instance of a pack).
   *
   * @param connector the new connector's name
   * @param files file to text; must hold {@code connector.yaml}
   * @param actor who creates it
   * @return the created files
   * @throws EditConflictException when the connector exists already
   * @throws WorkspaceException (invalid) for a bad name, file or text
   */
  public List<Document> create(String connector, Map<String, String> files, String actor) {
    Names.connector(connector);
    if (!files.containsKey(Document.CONNECTOR_FILE)) {
      throw WorkspaceException.invalid("file", "a new connector needs its " + Document.CONNECTOR_FILE);
    }
    files.forEach((f, t) -> {
      Names.file(f);
      checkText(t);
    });
    return inTransaction(h -> {
      List<Document> out = new ArrayList<>();
      out.add(save(h, connector, Document.CONNECTOR_FILE, files.get(Document.CONNECTOR_FILE), 0, actor, null));
      for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
        if (!f.getKey().equals(Document.CONNECTOR_FILE)) {
          out.add(save(h, connector, f.getKey(), f.getValue(), 0, actor, null));
        }
      }
      return out;
    });
  }

  /**
   * Deletes a file. Deleting {@code connector.yaml} deletes the whole connector: every file and its credentials.
   *
   * @param connector the connector
   * @param file the file
   * @param baseVersion the version the deletion was based on
   * @param actor who deletes
   * @throws EditConflictException when the current version is not {@code baseVersion}
   * @throws WorkspaceException (not found) when the file does not exist
   */
  public void delete(String connector, String file, int baseVersion, String actor) {
    Names.connector(connector);
    Names.file(file);
    inTransaction(h -> {
      DocumentRows rows = h.attach(DocumentRows.class);
      Document cur = rows.current(connector, file).orElseThrow(() -> WorkspaceException.notFound(connector + "/" + file
          + " does not exist"));
      if (cur.version() != baseVersion) {
        throw new EditConflictException(cur.path(), baseVersion, cur.version(), cur.savedBy(), cur.savedAt());
      }
      List<Document> doomed = file.equals(Document.CONNECTOR_FILE) ? rows.files(connector) : List.of(cur);
      long now = clock.millis();
      for (Document d : doomed) {
        remove(h, rows, d, actor, now, "deleted");
      }
      if (file.equals(Document.CONNECTOR_FILE)) {
        int credentials = h.createUpdate("DELETE FROM credential WHERE connector = :connector").bind("connector", connector).execute();
        if (credentials > 0) {
          audit.append(h, actor, "credential.deleted", connector + "/*", credentials + (credentials == 1 ? " credential" : " credentials")
              + " deleted with the connector");
        }
      }
      return null;
    });
  }

  private void remove(Handle h, DocumentRows rows, Document d, String actor, long now, String change) {
    int version = rows.latest(d.connector(), d.file()).map(v -> v.version() + 1).orElse(d.version() + 1);
    if (rows.delete(d.connector(), d.file(), d.version()) != 1) {
      Document now2 = rows.current(d.connector(), d.file()).orElse(d);
      throw new EditConflictException(d.path(), d.version(), now2.version(), now2.savedBy(), now2.savedAt());
    }
    rows.addVersion(d.connector(), d.file(), version, null, change, actor, now);
    audit.append(h, actor, kind(d.file()) + ".deleted", d.path(), "version " + version);
  }

  /**
   * Returns a file's history, newest first.
   *
   * @param connector the connector
   * @param file the file
   * @return the versions; empty when the file never existed
   */
  public List<DocumentVersion> history(String connector, String file) {
    return jdbi.withExtension(DocumentRows.class, rows -> rows.history(connector, file));
  }

  /**
   * Returns one version of a file.
   *
   * @param connector the connector
   * @param file the file
   * @param version the version
   * @return the file as it was then
   * @throws WorkspaceException (not found) when there is no such version, or it is the one that deleted the file
   */
  public Document version(String connector, String file, int version) {
    return jdbi.withExtension(DocumentRows.class, rows -> rows.version(connector, file, version))
        .orElseThrow(() -> WorkspaceException.notFound(connector + "/" + file + " has no version " + version
            + " with text; its history lists the versions"));
  }

  /**
   * Compares two versions of a file as a unified diff (as {@code diff -u}, 3 lines of context).
   *
   * @param connector the connector
   * @param file the file
   * @param from the older version
   * @param to the newer version
   * @return the diff; empty when the texts are equal
   * @throws WorkspaceException (not found) when either version does not exist
   */
  public String diff(String connector, String file, int from, int to) {
    Document a = version(connector, file, from);
    Document b = version(connector, file, to);
    List<String> left = a.text().lines().toList();
    List<String> right = b.text().lines().toList();
    Patch<String> patch = DiffUtils.diff(left, right);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(a.path() + " (version " + from + ")",
        b.path() + " (version " + to + ")", left, patch, 3);
    return String.join("\n", lines) + "\n";
  }

  /**
   * Restores an old version: its text becomes a new version (or recreates a deleted file).
   *
   * @param connector the connector
   * @param file the file
   * @param version the version to restore
   * @param baseVersion the current version this restore was based on (0 when the file is deleted now)
   * @param actor who restores
   * @return the new current version
   * @throws EditConflictException when the current version is not {@code baseVersion}
   * @throws WorkspaceException (not found) when the version does not exist
   */
  public Document restore(String connector, String file, int version, int baseVersion, String actor) {
    Names.connector(connector);
    Names.file(file);
    return inTransaction(h -> {
      Document old = h.attach(DocumentRows.class).version(connector, file, version).orElseThrow(() ->
          WorkspaceException.notFound(connector + "/" + file + " has no version " + version + " with text"));
      return save(h, connector, file, old.text(), baseVersion, actor, "restored");
    });
  }

  /**
   * Makes the workspace's definitions those of a folder, in one transaction: files that differ are saved as new
   * versions, new ones created and missing ones deleted (change {@code imported}); equal files are left alone.
   * Credentials of connectors that remain are kept.
   *
   * @param folder connector names to files to texts
   * @param actor who imports
   * @return how many files were created, changed, deleted and left alone
   * @throws WorkspaceException (invalid) naming the first bad connector, file or text
   */
  public ImportSummary replaceAll(Map<String, Map<String, String>> folder, String actor) {
    Map<String, Map<String, String>> sorted = new TreeMap<>();
    folder.forEach((c, files) -> {
      Names.connector(c);
      if (!files.containsKey(Document.CONNECTOR_FILE)) {
        throw WorkspaceException.invalid("connector", "connector folder '" + c + "' has no " + Document.CONNECTOR_FILE);
      }
      Map<String, String> checked = new TreeMap<>();
      files.forEach((f, t) -> {
        Names.file(f);
        checkText(t);
        checked.put(f, t);
      });
      sorted.put(c, checked);
    });
    return inTransaction(h -> {
      DocumentRows rows = h.attach(DocumentRows.class);
      int created = 0;
      int changed = 0;
      int deleted = 0;
      int same = 0;
      long now = clock.millis();
      Map<String, Document> existing = new LinkedHashMap<>();
      for (Document d : rows.all()) {
        existing.put(d.path(), d);
      }
      for (Document d : existing.values()) {
        Map<String, String> files = sorted.get(d.connector());
        if (files == null || !files.containsKey(d.file())) {
          remove(h, rows, d, actor, now, "imported");
          deleted++;
        }
      }
      for (Map.Entry<String, Map<String, String>> c : sorted.entrySet()) {
        List<Map.Entry<String, String>> ordered = new ArrayList<>(c.getValue().entrySet());
        ordered.sort((x, y) -> x.getKey().equals(Document.CONNECTOR_FILE) ? -1 : y.getKey().equals(Document.CONNECTOR_FILE) ? 1
            : x.getKey().compareTo(y.getKey()));
        for (Map.Entry<String, String> f : ordered) {
          Document cur = existing.get(c.getKey() + "/" + f.getKey());
          if (cur == null) {
            save(h, c.getKey(), f.getKey(), f.getValue(), 0, actor, "imported");
            created++;
          } else if (!cur.text().equals(f.getValue())) {
            save(h, c.getKey(), f.getKey(), f.getValue(), cur.version(), actor, "imported");
            changed++;
          } else {
            same++;
          }
        }
      }
      for (String gone : existing.values().stream().map(Document::connector).distinct().toList()) {
        if (!sorted.containsKey(gone)) {
          h.createUpdate("DELETE FROM credential WHERE connector = :c").bind("c", gone).execute();
        }
      }
      ImportSummary summary = new ImportSummary(created, changed, deleted, same);
      audit.append(h, actor, "workspace.imported", "*", summary.toString());
      return summary;
    });
  }

  /**
   * What an import did.
   *
   * @param created files created
   * @param changed files saved as a new version
   * @param deleted files deleted
   * @param unchanged files left alone
   */
  public record ImportSummary(int created, int changed, int deleted, int unchanged) {
    @Override
    public String toString() {
      return created + " created, " + changed + " changed, " + deleted + " deleted, " + unchanged + " unchanged";
    }
  }

  private <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (UnableToExecuteStatementException e) {
      if (WorkspaceException.duplicateKey(e)) {
        throw new WorkspaceException(WorkspaceException.Kind.CONFLICT, "base_version", "another save of the same file came"
            + " in at the same moment; load the file again and save on top of it");
      }
      throw e;
    }
  }

  private static String kind(String file) {
    return switch (file) {
      case Document.CONNECTOR_FILE -> "connector";
      case Document.SETTINGS_FILE -> "settings";
      default -> "action";
    };
  }

  private static void checkText(String text) {
    if (text == null) {
      throw WorkspaceException.invalid("text", "the file's text is missing");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > Names.MAX_TEXT_BYTES) {
      throw WorkspaceException.invalid("text", "the file is larger than " + Names.MAX_TEXT_BYTES + " bytes, the most a"
          + " definition file may be");
    }
  }
}
