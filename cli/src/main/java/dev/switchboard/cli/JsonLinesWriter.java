package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.run.ActionResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Writes output as JSON Lines (https://jsonlines.org): one compact JSON record per line, streamed as pages arrive. */
final class JsonLinesWriter implements OutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintWriter out;

  JsonLinesWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void page(ActionResult page) {
    if (page.isList()) {
      page.output().forEach(this::line);
    } else {
      line(page.output());
    }
    out.flush();
  }

  private void line(JsonNode record) {
    try {
      out.println(JSON.writeValueAsString(record));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finish() {
    out.flush();
  }
}
