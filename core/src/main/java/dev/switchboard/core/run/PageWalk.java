package dev.switchboard.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.definition.TransportSettings;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.paging.Paginator;
import dev.switchboard.core.paging.UnusableNextPageException;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.secret.Redactor;
import dev.switchboard.core.transport.CallContext;
import dev.switchboard.core.transport.ExchangeObserver;
import dev.switchboard.core.transport.Request;
import dev.switchboard.core.transport.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One listing of one call, walked a page at a time as its caller asks: render the first request, then per page
 * send it, decode the body, map the output and ask the paginator (and {@link PageFollow}) for the next request.
 * An error about where the listing would go next is reported after the page that led to it, so every page read
 * reaches the caller before the error. Thread-confined to its caller.
 */
final class PageWalk implements Iterator<ActionResult> {
  private final ActionPlan plan;
  private final ObjectNode bound;
  private final Supplier<ConnectorRuntime> connect;
  private final Redactor redactor;
  private final ExchangeObserver observer;
  private final Runnable onEnd;
  private final Set<String> seen = new HashSet<>();
  private ConnectorRuntime runtime;
  private Request pending;
  private int page;
  private long items;
  private boolean lastEmpty;
  private ActionError deferred;
  private boolean failed;

  /**
   * @param plan the action
   * @param bound its bound inputs
   * @param connect gives the connector's runtime, asked once before the first request
   * @param redactor scrubs every error and result leaving the walk
   * @param observer sees each exchange of the walk
   * @param onEnd runs once, after the last page (or the error that ends the walk) has been made
   */
  PageWalk(ActionPlan plan, ObjectNode bound, Supplier<ConnectorRuntime> connect, Redactor redactor, ExchangeObserver observer,
      Runnable onEnd) {
    this.plan = plan;
    this.bound = bound;
    this.connect = connect;
    this.redactor = redactor;
    this.observer = observer;
    this.onEnd = onEnd;
  }

  @Override
  public boolean hasNext() {
    return !failed && (page == 0 || pending != null || deferred != null);
  }

  @Override
  public ActionResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      if (deferred != null) {
        ActionError e = deferred;
        deferred = null;
        throw e;
      }
      if (page == 0) {
        runtime = connect.get();
        pending = plan.render(bound, runtime.baseUrl(), runtime.config());
      }
      page++;
      Request request = pending;
      pending = null;
      return read(request);
    } catch (ActionError e) {
      failed = true;
      throw e.scrubbed(redactor::scrub);
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    } finally {
      if (!hasNext()) {
        onEnd.run();
      }
    }
  }

  /** Sends one page's request and turns its response into the page's result, deciding what comes next. */
  private ActionResult read(Request request) {
    PaginationConfig pagination = plan.definition().pagination();
    waitBeforePolling(pagination);
    TransportSettings settings = plan.connector().transport();
    CallContext call = CallContext.start(plan.definition().path().source(), plan.definition().annotations().idempotent(),
        settings.callTimeout(), observer);
    Response response = send(request, call);
    JsonNode body;
    try {
      body = redactor.scrub(ResponseDecoder.decode(plan, runtime.authenticator()::describe, response, redactor::scrub));
      requireRecords(response, body);
    } catch (ActionError e) {
      throw UnknownOutcome.mark(plan, e);
    }
    int records = plan.output().count(body);
    Optional<Long> pageSize = pagination.limitParam().map(bound::get).filter(JsonNode::canConvertToLong).map(JsonNode::asLong);
    Optional<Paginator.Next> next = nextPage(new Paginator.Page(request, response, body, records, pageSize));
    items += records;
    lastEmpty = records == 0;
    JsonNode output = PageFollow.cut(pagination.stop(), plan.output().apply(body), items);
    if (PageFollow.stopsHere(pagination.stop(), records, items, page)) {
      next = Optional.empty();
    }
    next.ifPresent(n -> follow(request, n.request(), response.status()));
    Optional<String> cursor = next.flatMap(Paginator.Next::cursor).map(redactor::scrub);
    return new ActionResult(plan.id(), response.status(), scrubbedHeaders(ResponseDecoder.keptHeaders(response)), body,
        output, Optional.ofNullable(ResponseDecoder.requestId(response)),
        response.durationNanos() / 1_000_000, page, next.map(n -> scrubbedUri(n.request().uri())), cursor,
        call.stats().snapshot());
  }

  /**
   * Asks the paginator for the next page. A next page that cannot be requested fails this page: a listing that
   * ended there would look complete.
   */
  private Optional<Paginator.Next> nextPage(Paginator.Page current) {
    try {
      return plan.paginator().next(current);
    } catch (UnusableNextPageException e) {
      throw ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + plan.connector().title()
              + " answered page " + page + " with a next page that cannot be requested: '" + e.next() + "' ("
              + e.getMessage() + "); the listing stops here rather than end as if it were complete")
          .status(current.response().status()).requestId(ResponseDecoder.requestId(current.response())).build();
    }
  }

  /** A polling feed that was caught up waits its poll interval before asking again. */
  private void waitBeforePolling(PaginationConfig pagination) {
    if (lastEmpty && pagination instanceof PaginationConfig.LinkHeader link && link.polling() && link.pollIntervalMs() > 0) {
      try {
        Thread.sleep(link.pollIntervalMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": interrupted while polling").cause(e).build();
      }
    }
  }

  private Response send(Request request, CallContext call) {
    try {
      return runtime.pipeline().send(request, call);
    } catch (IOException e) {
      throw UnknownOutcome.mark(plan, ResponseDecoder.failure(plan, request.uri(), e, call));
    } catch (IllegalArgumentException e) {
      throw ActionError.builder(ErrorCategory.VALIDATION, plan.id(), plan.id() + ": the request cannot be sent: "
          + redactor.scrub(String.valueOf(e.getMessage()))).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw UnknownOutcome.mark(plan, ActionError.builder(ErrorCategory.NETWORK, plan.id(), plan.id() + ": interrupted").cause(e).build());
    }
  }

  /** Fails when the action declares where its records are and the body has no list there. */
  private void requireRecords(Response response, JsonNode body) {
    if (!plan.output().recordsFound(body)) {
      throw ActionError.builder(ErrorCategory.UPSTREAM, plan.id(), plan.id() + ": " + plan.connector().title() + " answered "
          + response.status() + " without the list of records the action expects (output.records: "
          + plan.definition().output().records().orElse("") + "); the body is "
          + (body.isObject() ? "an object" : body.isNull() ? "empty" : "not a list"))
          .status(response.status()).requestId(ResponseDecoder.requestId(response)).build();
    }
  }

  /** Makes the next request pending, or defers the error that refuses it until after this page. */
  private void follow(Request request, Request next, int status) {
    Optional<ActionError> refusal = PageFollow.refusal(plan, next, request, seen, page, runtime.baseUrl(), status);
    if (refusal.isPresent()) {
      deferred = refusal.get().scrubbed(redactor::scrub);
    } else {
      pending = next;
    }
  }

  /** Returns the headers with secrets scrubbed from their values (a Link or Location may echo a query-placed key). */
  private Map<String, List<String>> scrubbedHeaders(Map<String, List<String>> headers) {
    boolean holdsSecret = headers.values().stream().flatMap(List::stream).anyMatch(v -> !redactor.scrub(v).equals(v));
    if (!holdsSecret) {
      return headers;
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((name, values) -> out.put(name, values.stream().map(redactor::scrub).toList()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the next page's URI as shown to callers: with any secret in it replaced by {@code %5BREDACTED%5D}
   * (the mask, percent-encoded so the URI stays valid). The walk follows the real one itself.
   */
  private URI scrubbedUri(URI uri) {
    String text = uri.toString();
    String clean = redactor.scrub(text);
    if (clean.equals(text)) {
      return uri;
    }
    return URI.create(clean.replace(Redactor.MASK, "%5BREDACTED%5D"));
  }
}
