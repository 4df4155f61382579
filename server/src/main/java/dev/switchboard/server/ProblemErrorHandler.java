package dev.switchboard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty refuses before a request reaches the routes (a request line or headers too large, a path that
 * is not valid UTF-8 or is ambiguous) as RFC 9457 problem details, like every other refusal of the server, instead
 * of Jetty's own HTML page. The detail says what was wrong and what would be right; nothing of the request is echoed.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private static final HttpField PROBLEM_JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/problem+json");

  /** The problem body for a status Jetty answers by itself. */
  static byte[] body(int status) {
    String detail = switch (status) {
      case 414 -> "the request line is longer than the server reads (8 KB); send long values in a JSON body, not in the URL";
      case 431 -> "the request's headers are larger than the server reads (8 KB in all); send fewer or shorter headers";
      case 400 -> "the request could not be read: its path must be valid UTF-8 percent-encoding without encoded '/' or"
          + " '..' segments, and its request line and headers valid HTTP/1.1";
      default -> "the request could not be served (" + HttpStatus.getMessage(status) + ")";
    };
    ObjectNode problem = Json.MAPPER.createObjectNode().put("type", "about:blank").put("title", HttpStatus.getMessage(status))
        .put("status", status).put("detail", detail);
    try {
      return Json.MAPPER.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(PROBLEM_JSON);
    return ByteBuffer.wrap(body(status));
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
      throws IOException {
    response.getHeaders().put(PROBLEM_JSON);
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }
}
