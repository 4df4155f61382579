package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.switchboard.core.output.SchemaInference;
import dev.switchboard.core.run.ActionResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints the JSON Schema inferred from the output ("generate output schema from response"): the records of
 * every page read are merged into one sample, so {@code --all} infers from the whole listing.
 */
final class SchemaWriter implements OutputWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final ArrayNode records = JsonNodeFactory.instance.arrayNode();
  private com.fasterxml.jackson.databind.JsonNode single;

  SchemaWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void page(ActionResult page) {
    if (page.isList()) {
      records.addAll((ArrayNode) page.output());
    } else {
      single = page.output();
    }
  }

  @Override
  public void finish() {
    try {
      out.println(JSON.writeValueAsString(SchemaInference.infer(single != null ? single : records)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
