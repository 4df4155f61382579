package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.AuditEvent;
import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.DocumentVersion;
import dev.switchboard.workspace.Exchange;
import dev.switchboard.workspace.Page;
import dev.switchboard.workspace.Run;
import java.util.List;
import java.util.function.Function;

/** The JSON shapes of the API's answers (described in openapi.json); never a credential's value or a key. */
final class Views {
  private Views() {}

  static ObjectNode file(Document d) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("connector", d.connector()).put("file", d.file());
    d.action().ifPresent(a -> o.put("action", a));
    o.put("version", d.version()).put("saved_by", d.savedBy()).put("saved_at", d.savedAt().toString());
    return o;
  }

  static ObjectNode fileWithText(Document d) {
    return file(d).put("yaml", d.text());
  }

  static ObjectNode version(DocumentVersion v) {
    return Json.MAPPER.createObjectNode().put("version", v.version()).put("change", v.change()).put("deleted", v.deleted())
        .put("saved_by", v.savedBy()).put("saved_at", v.savedAt().toString());
  }

  static ObjectNode credential(Credential c) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("connector", c.connector()).put("name", c.name());
    if (!c.last4().isEmpty()) {
      o.put("last4", c.last4());
    }
    return o.put("set_by", c.setBy()).put("set_at", c.setAt().toString());
  }

  static ObjectNode key(AccessKey k) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("id", k.id()).put("name", k.name()).put("prefix", k.prefix())
        .put("role", k.role().wireName());
    ArrayNode tools = o.putArray("tools");
    k.tools().forEach(tools::add);
    o.put("read_only", k.readOnly()).put("created_by", k.createdBy()).put("created_at", k.createdAt().toString());
    k.revokedAt().ifPresent(r -> o.put("revoked_at", r.toString()));
    return o;
  }

  static ObjectNode audit(AuditEvent e) {
    return Json.MAPPER.createObjectNode().put("id", e.id()).put("at", e.at().toString()).put("actor", e.actor())
        .put("event", e.event()).put("target", e.target()).put("detail", e.detail());
  }

  static ObjectNode run(Run r, boolean full) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("id", r.id()).put("started_at", r.startedAt().toString())
        .put("connector", r.connector()).put("action", r.action());
    r.actionVersion().ifPresent(v -> o.put("action_version", v));
    o.put("caller", r.caller()).put("channel", r.channel()).put("outcome", r.outcome());
    r.errorCategory().ifPresent(c -> o.put("error_category", c));
    r.errorMessage().ifPresent(m -> o.put("error_message", m));
    r.status().ifPresent(s -> o.put("status", s));
    o.put("duration_ms", r.durationMs()).put("requests", r.exchanges().size());
    if (full) {
      o.set("inputs", parse(r.inputs()));
      ArrayNode exchanges = o.putArray("exchanges");
      for (Exchange e : r.exchanges()) {
        ObjectNode x = exchanges.addObject().put("method", e.method()).put("path", e.path()).put("status", e.status())
            .put("duration_ms", e.durationMs());
        e.requestId().ifPresent(id -> x.put("request_id", id));
        e.rateLimitRemaining().ifPresent(n -> x.put("rate_limit_remaining", n));
      }
      o.put("output_excerpt", r.outputExcerpt()).put("output_truncated", r.outputTruncated());
    }
    return o;
  }

  static ArrayNode problems(List<Problem> problems) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Problem p : problems) {
      ObjectNode o = out.addObject().put("file", p.file());
      if (p.line() > 0) {
        o.put("line", p.line());
      }
      if (!p.field().isEmpty()) {
        o.put("field", p.field());
      }
      o.put("message", p.message());
    }
    return out;
  }

  static <T> ObjectNode page(Page<T> page, Function<T, JsonNode> item) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode items = o.putArray("items");
    page.items().forEach(i -> items.add(item.apply(i)));
    page.nextCursor().ifPresent(c -> o.put("next_cursor", c));
    return o;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
