package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.core.run.ActionResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes output as JSON: a listing as one array (records of every page, streamed), anything else as the
 * mapped object, both pretty-printed.
 */
final class JsonWriter implements OutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private boolean list;
  private boolean first = true;
  private boolean started;

  JsonWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void page(ActionResult page) {
    if (!page.isList()) {
      out.println(write(page.output()));
      started = true;
      return;
    }
    if (!started) {
      out.print("[");
      list = true;
      started = true;
    }
    for (JsonNode record : page.output()) {
      out.print(first ? "\n  " : ",\n  ");
      out.print(write(record).replace("\n", "\n  "));
      first = false;
    }
    out.flush();
  }

  @Override
  public void finish() {
    if (list) {
      out.println(first ? "]" : "\n]");
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
