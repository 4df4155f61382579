package dev.switchboard.mcp.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Keeps Java internals out of HTTP error answers: the SDK's transport answers some bad requests (malformed JSON,
 * an unknown session, a missing header) with a serialized exception, stack trace included. An answer with a status
 * of 400 or more is held back; when it holds a {@code stackTrace}, it is replaced by a plain JSON-RPC error body
 * ({@code {"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":...}}}) keeping only the message. Other
 * answers (the event streams of a session) pass straight through.
 */
final class ErrorBodies extends HttpServletResponseWrapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private ServletOutputStream stream;
  private PrintWriter writer;
  private boolean holding;

  ErrorBodies(HttpServletResponse response) {
    super(response);
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (getStatus() < 400) {
      return super.getOutputStream();
    }
    holding = true;
    if (stream == null) {
      stream = new ServletOutputStream() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException("error answers are written synchronously");
        }

        @Override
        public void write(int b) {
          held.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          held.write(b, off, len);
        }
      };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (getStatus() < 400) {
      return super.getWriter();
    }
    if (writer == null) {
      writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (!holding) {
      super.flushBuffer();
    }
  }

  /** Writes the held error answer, cleaned, to the real response. */
  void finish() throws IOException {
    if (!holding) {
      return;
    }
    if (writer != null) {
      writer.flush();
    }
    byte[] body = held.toByteArray();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.contains("\"stackTrace\"")) {
      String message = "the request could not be handled";
      try {
        JsonNode node = JSON.readTree(body);
        JsonNode m = node.path("jsonRpcError").path("message");
        if (!m.isTextual()) {
          m = node.path("message");
        }
        if (m.isTextual()) {
          message = m.asText();
        }
      } catch (IOException e) {
        // keep the generic message
      }
      ObjectNode clean = JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id");
      clean.putObject("error").put("code", -32600).put("message", message);
      body = JSON.writeValueAsBytes(clean);
      getResponse().setContentType("application/json");
    }
    getResponse().setContentLength(body.length);
    getResponse().getOutputStream().write(body);
    getResponse().flushBuffer();
  }
}
