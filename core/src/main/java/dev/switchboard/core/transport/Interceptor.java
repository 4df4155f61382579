package dev.switchboard.core.transport;

import java.io.IOException;
import java.util.List;

/**
 * One link of a call's chain, as OkHttp's interceptors: it sees the request, may change it, calls
 * {@link Chain#proceed} (zero, one or several times), and sees the response. Links: retry, rate limit,
 * authentication, redirects, decompression; the innermost is the {@link Transport}. Implementations are
 * thread-safe; per-call state lives in the {@link CallContext}.
 */
@FunctionalInterface
public interface Interceptor {
  /**
   * Handles a request.
   *
   * @param chain the request, the call's context, and the rest of the chain
   * @return the response
   * @throws IOException when no response can be had (the outermost links map it to an ActionError)
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  Response intercept(Chain chain) throws IOException, InterruptedException;

  /** The request being handled and the rest of the chain after this link. */
  interface Chain {
    /** Returns the request as it reached this link. */
    Request request();

    /** Returns the call this request belongs to. */
    CallContext call();

    /**
     * Passes a request to the rest of the chain.
     *
     * @param request the request, possibly changed by this link
     * @return the response from the rest of the chain
     * @throws IOException when no response can be had
     * @throws InterruptedException when interrupted
     */
    Response proceed(Request request) throws IOException, InterruptedException;
  }

  /**
   * Builds a chain of links ending in a transport.
   *
   * @param links the links, outermost first
   * @param transport the innermost step, which sends on the wire
   * @return a function from a request and its call to the response
   */
  static Pipeline pipeline(List<Interceptor> links, Transport transport) {
    List<Interceptor> copy = List.copyOf(links);
    return (request, call) -> new Link(copy, 0, transport, request, call).proceed(request);
  }

  /** A built chain: sends one request of a call through every link. */
  @FunctionalInterface
  interface Pipeline {
    /**
     * Sends a request through the chain.
     *
     * @param request the request
     * @param call its call
     * @return the response
     * @throws IOException when no response can be had
     * @throws InterruptedException when interrupted
     */
    Response send(Request request, CallContext call) throws IOException, InterruptedException;
  }

  /** The chain position handed to each link. */
  final class Link implements Chain {
    private final List<Interceptor> links;
    private final int index;
    private final Transport transport;
    private final Request request;
    private final CallContext call;

    private Link(List<Interceptor> links, int index, Transport transport, Request request, CallContext call) {
      this.links = links;
      this.index = index;
      this.transport = transport;
      this.request = request;
      this.call = call;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public CallContext call() {
      return call;
    }

    @Override
    public Response proceed(Request next) throws IOException, InterruptedException {
      if (index < links.size()) {
        return links.get(index).intercept(new Link(links, index + 1, transport, next, call));
      }
      call.stats().requestSent();
      return transport.send(next, call.remaining());
    }
  }
}
