package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.run.ActionResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes output as a text table. Columns are the fields of the first page's records, in order; widths fit
 * the first page, so later pages stream under the same header (a wider value on a later page pushes its row
 * out of line rather than being cut). Values longer than {@value #MAX_WIDTH} characters are cut with an
 * ellipsis; use {@code --output csv} or {@code json} for full values. An empty listing prints nothing.
 * A single object prints as FIELD / VALUE rows.
 */
final class TableWriter implements OutputWriter {
  static final int MAX_WIDTH = 40;

  private final PrintWriter out;
  private List<String> columns;
  private int[] widths;

  TableWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void page(ActionResult page) {
    JsonNode output = page.output();
    if (!page.isList()) {
      writeObject(output);
      return;
    }
    if (columns == null) {
      if (output.isEmpty()) {
        return;
      }
      Set<String> names = new LinkedHashSet<>();
      for (JsonNode record : output) {
        if (record.isObject()) {
          record.fieldNames().forEachRemaining(names::add);
        }
      }
      columns = names.isEmpty() ? List.of("value") : new ArrayList<>(names);
      widths = new int[columns.size()];
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.min(MAX_WIDTH, columns.get(i).length());
      }
      for (JsonNode record : output) {
        for (int i = 0; i < widths.length; i++) {
          widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH, cell(record, columns.get(i)).length()));
        }
      }
      List<String> header = new ArrayList<>();
      for (String c : columns) {
        header.add(c.toUpperCase(java.util.Locale.ROOT));
      }
      row(header);
    }
    for (JsonNode record : output) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        cells.add(cell(record, c));
      }
      row(cells);
    }
    out.flush();
  }

  @Override
  public void finish() {
    out.flush();
  }

  private void writeObject(JsonNode output) {
    if (output == null || output.isNull() || output.isMissingNode()) {
      return;
    }
    if (!output.isObject()) {
      out.println(text(output));
      return;
    }
    int width = 5;
    for (Iterator<String> it = output.fieldNames(); it.hasNext(); ) {
      width = Math.max(width, it.next().length());
    }
    for (Iterator<java.util.Map.Entry<String, JsonNode>> it = output.fields(); it.hasNext(); ) {
      var e = it.next();
      out.println(pad(e.getKey(), width) + "  " + text(e.getValue()));
    }
  }

  private void row(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (cell.length() > MAX_WIDTH) {
        cell = cell.substring(0, MAX_WIDTH - 1) + "…";
      }
      line.append(i == cells.size() - 1 ? cell : pad(cell, widths[i]) + "  ");
    }
    out.println(line.toString().stripTrailing());
  }

  private static String cell(JsonNode record, String column) {
    if (!record.isObject()) {
      return column.equals("value") ? text(record) : "";
    }
    return text(record.get(column));
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    String s = value.isValueNode() ? value.asText() : value.toString();
    StringBuilder clean = new StringBuilder(s.length());
    s.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c));
    return clean.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
