package dev.switchboard.workspace;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads every value of every column of every table of the workspace, for canary checks. */
public final class DatabaseScan {
  private DatabaseScan() {}

  /**
   * Returns every non-null value of every table, as text.
   *
   * @param source the workspace's data source
   * @return the values
   * @throws SQLException when the database cannot be read
   */
  public static List<String> everyValue(DataSource source) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = source.getConnection()) {
      List<String> tables = new ArrayList<>();
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema == null || schema.equals("public")) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      for (String table : tables) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              String v = rs.getString(i);
              if (v != null) {
                values.add(v);
              }
            }
          }
        }
      }
    }
    return values;
  }
}
