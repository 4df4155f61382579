package dev.switchboard.core.transport;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The link just before the wire that reports each exchange to the call's {@link ExchangeObserver} (when the call
 * has one): method, path, status, duration, request id and rate-limit remaining, with the path and request id
 * scrubbed. One per connector; thread-safe.
 */
public final class ExchangeRecorder implements Interceptor {
  private final UnaryOperator<String> scrub;
  private final Function<Response, Optional<String>> requestId;
  private final Function<Response, OptionalLong> remaining;

  /**
   * Creates the link.
   *
   * @param scrub removes registered secrets from text (the engine's redactor)
   * @param requestId reads the connector's request-id header from a response
   * @param remaining reads the requests left in the rate-limit window from a response
   */
  public ExchangeRecorder(UnaryOperator<String> scrub, Function<Response, Optional<String>> requestId,
      Function<Response, OptionalLong> remaining) {
    this.scrub = scrub;
    this.requestId = requestId;
    this.remaining = remaining;
  }

  @Override
  public Response intercept(Chain chain) throws IOException, InterruptedException {
    ExchangeObserver observer = chain.call().observer();
    if (observer == ExchangeObserver.NONE) {
      return chain.proceed(chain.request());
    }
    Request request = chain.request();
    long start = System.nanoTime();
    String path = scrub.apply(request.uri().getRawPath() == null ? "" : request.uri().getRawPath());
    try {
      Response response = chain.proceed(request);
      tell(observer, new Exchange(request.method(), path, response.status(), (System.nanoTime() - start) / 1_000_000,
          requestId.apply(response).map(scrub), remaining.apply(response), Optional.empty()));
      return response;
    } catch (IOException | InterruptedException | RuntimeException e) {
      String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      tell(observer, new Exchange(request.method(), path, 0, (System.nanoTime() - start) / 1_000_000, Optional.empty(),
          OptionalLong.empty(), Optional.of(scrub.apply(why))));
      throw e;
    }
  }

  private static void tell(ExchangeObserver observer, Exchange exchange) {
    try {
      observer.exchange(exchange);
    } catch (RuntimeException e) {
      // a failing recorder does not undo an exchange that happened
    }
  }
}
