package dev.switchboard.core.transport;

import dev.switchboard.core.output.TerminalText;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The innermost link before the wire: reports every request actually sent, one line each, such as
 * {@code GET https://api.example.com/v1/users?limit=200 -> 200 in 35 ms (request id X)}, or the failure.
 * The line passes through a scrubbing function (the engine's redactor) before it is handed on, and headers
 * are never included, so no credential can appear in it. What the server sent (a request id, a failure's words) may
 * hold anything: control and format characters are shown escaped ({@link TerminalText}), so a terminal showing the
 * line never obeys an escape sequence and the line stays one line.
 */
public final class RequestLog implements Interceptor {
  private final Consumer<String> sink;
  private final UnaryOperator<String> scrub;
  private final Function<Response, Optional<String>> requestId;
  private final Function<Response, Optional<String>> remaining;

  /**
   * Creates the link.
   *
   * @param sink where each line goes (stderr for {@code --verbose})
   * @param scrub applied to every line before the sink sees it
   * @param requestId reads the service's request id from a response (the connector's request-id header)
   * @param remaining reads the requests left in the rate-limit window, as the connector's rate-limit headers say
   */
  public RequestLog(Consumer<String> sink, UnaryOperator<String> scrub, Function<Response, Optional<String>> requestId,
      Function<Response, Optional<String>> remaining) {
    this.sink = sink;
    this.scrub = scrub;
    this.requestId = requestId;
    this.remaining = remaining;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    Request request = chain.request();
    String target = request.method() + " " + request.uri();
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long ms = (System.nanoTime() - start) / 1_000_000;
      emit(target + " -> " + response.status() + " in " + ms + " ms"
          + requestId.apply(response).map(id -> " (request id " + id + ")").orElse("")
          + remaining.apply(response).map(r -> " [rate limit remaining " + r + "]").orElse(""));
      return response;
    } catch (IOException e) {
      emit(target + " -> failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      throw e;
    }
  }

  private void emit(String line) {
    sink.accept(TerminalText.escape(scrub.apply(line), false));
  }
}
