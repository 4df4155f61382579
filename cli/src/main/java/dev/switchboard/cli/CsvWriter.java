package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.switchboard.core.run.ActionResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes output as CSV (RFC 4180, via jackson-dataformat-csv), streamed page by page: a header row of the first
 * page's fields, then one row per record. Nested values are written as JSON; a text cell starting with
 * {@code = + - @} gets a leading {@code '} so spreadsheets do not run it as a formula (OWASP "CSV injection").
 */
final class CsvWriter implements OutputWriter {
  private static final CsvMapper CSV = new CsvMapper();

  private final PrintWriter out;
  private List<String> columns;
  private SequenceWriter rows;

  CsvWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void page(ActionResult page) {
    List<JsonNode> records = new ArrayList<>();
    if (page.isList()) {
      page.output().forEach(records::add);
    } else {
      records.add(page.output());
    }
    try {
      if (rows == null) {
        if (records.isEmpty()) {
          return;
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode r : records) {
          if (r.isObject()) {
            r.fieldNames().forEachRemaining(names::add);
          }
        }
        columns = names.isEmpty() ? List.of("value") : new ArrayList<>(names);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        rows = CSV.writer(schema.build()).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValues(out);
      }
      for (JsonNode r : records) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String c : columns) {
          row.put(c, cell(r.isObject() ? r.get(c) : c.equals("value") ? r : null));
        }
        rows.write(row);
      }
      rows.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finish() {
    try {
      if (rows != null) {
        rows.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  private static String cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (!value.isValueNode()) {
      return value.toString();
    }
    String text = value.asText();
    if (value.isTextual() && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }
}
