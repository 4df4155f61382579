package dev.switchboard.workspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The statements on {@code document} and {@code document_version}; attached to a handle inside a transaction. */
interface DocumentRows {
  @SqlQuery("SELECT connector, file, version, text, saved_by, saved_at FROM document WHERE connector = :connector AND file = :file")
  @RegisterRowMapper(DocumentMapper.class)
  Optional<Document> current(@Bind("connector") String connector, @Bind("file") String file);

  @SqlQuery("SELECT connector, file, version, text, saved_by, saved_at FROM document WHERE connector = :connector ORDER BY file")
  @RegisterRowMapper(DocumentMapper.class)
  List<Document> files(@Bind("connector") String connector);

  @SqlQuery("SELECT connector, file, version, text, saved_by, saved_at FROM document ORDER BY connector, file")
  @RegisterRowMapper(DocumentMapper.class)
  List<Document> all();

  @SqlQuery("SELECT connector, file, version FROM document ORDER BY connector, file")
  @RegisterRowMapper(FileVersionMapper.class)
  List<FileVersion> versions();

  @SqlQuery("SELECT d.connector, d.version, d.saved_by, d.saved_at, (SELECT COUNT(*) FROM document a WHERE a.connector = d.connector"
      + " AND a.file LIKE 'actions/%') AS actions FROM document d WHERE d.file = 'connector.yaml' ORDER BY d.connector")
  @RegisterRowMapper(SummaryMapper.class)
  List<ConnectorSummary> summaries();

  @SqlQuery("SELECT DISTINCT connector FROM document ORDER BY connector")
  List<String> connectors();

  @SqlQuery("SELECT version, change, text IS NULL AS deleted, saved_by, saved_at FROM document_version"
      + " WHERE connector = :connector AND file = :file ORDER BY version DESC")
  @RegisterRowMapper(VersionMapper.class)
  List<DocumentVersion> history(@Bind("connector") String connector, @Bind("file") String file);

  @SqlQuery("SELECT connector, file, version, text, saved_by, saved_at FROM document_version"
      + " WHERE connector = :connector AND file = :file AND version = :version AND text IS NOT NULL")
  @RegisterRowMapper(DocumentMapper.class)
  Optional<Document> version(@Bind("connector") String connector, @Bind("file") String file, @Bind("version") int version);

  @SqlQuery("SELECT version, change, text IS NULL AS deleted, saved_by, saved_at FROM document_version"
      + " WHERE connector = :connector AND file = :file ORDER BY version DESC LIMIT 1")
  @RegisterRowMapper(VersionMapper.class)
  Optional<DocumentVersion> latest(@Bind("connector") String connector, @Bind("file") String file);

  @SqlUpdate("INSERT INTO document (connector, file, version, text, saved_by, saved_at)"
      + " VALUES (:connector, :file, :version, :text, :savedBy, :savedAt)")
  void insert(@Bind("connector") String connector, @Bind("file") String file, @Bind("version") int version,
      @Bind("text") String text, @Bind("savedBy") String savedBy, @Bind("savedAt") long savedAt);

  @SqlUpdate("UPDATE document SET version = :version, text = :text, saved_by = :savedBy, saved_at = :savedAt"
      + " WHERE connector = :connector AND file = :file AND version = :base")
  int update(@Bind("connector") String connector, @Bind("file") String file, @Bind("base") int base,
      @Bind("version") int version, @Bind("text") String text, @Bind("savedBy") String savedBy, @Bind("savedAt") long savedAt);

  @SqlUpdate("DELETE FROM document WHERE connector = :connector AND file = :file AND version = :base")
  int delete(@Bind("connector") String connector, @Bind("file") String file, @Bind("base") int base);

  @SqlUpdate("INSERT INTO document_version (connector, file, version, text, change, saved_by, saved_at)"
      + " VALUES (:connector, :file, :version, :text, :change, :savedBy, :savedAt)")
  void addVersion(@Bind("connector") String connector, @Bind("file") String file, @Bind("version") int version,
      @Bind("text") String text, @Bind("change") String change, @Bind("savedBy") String savedBy, @Bind("savedAt") long savedAt);

  /** Maps a row of {@code document} or {@code document_version}. */
  final class DocumentMapper implements RowMapper<Document> {
    @Override
    public Document map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new Document(rs.getString("connector"), rs.getString("file"), rs.getInt("version"), rs.getString("text"),
          rs.getString("saved_by"), Instant.ofEpochMilli(rs.getLong("saved_at")));
    }
  }

  /** Maps a row of {@code document} without its text. */
  final class FileVersionMapper implements RowMapper<FileVersion> {
    @Override
    public FileVersion map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new FileVersion(rs.getString("connector"), rs.getString("file"), rs.getInt("version"));
    }
  }

  /** Maps a connector's summary. */
  final class SummaryMapper implements RowMapper<ConnectorSummary> {
    @Override
    public ConnectorSummary map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new ConnectorSummary(rs.getString("connector"), rs.getInt("version"), rs.getString("saved_by"),
          Instant.ofEpochMilli(rs.getLong("saved_at")), rs.getInt("actions"));
    }
  }

  /** Maps a history row. */
  final class VersionMapper implements RowMapper<DocumentVersion> {
    @Override
    public DocumentVersion map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new DocumentVersion(rs.getInt("version"), rs.getString("change"), rs.getBoolean("deleted"),
          rs.getString("saved_by"), Instant.ofEpochMilli(rs.getLong("saved_at")));
    }
  }
}
