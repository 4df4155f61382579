package dev.switchboard.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.definition.InputDefinition;
import dev.switchboard.core.definition.PaginationConfig;
import dev.switchboard.core.plan.ActionPlan;
import dev.switchboard.core.error.ActionError;
import dev.switchboard.core.run.ActionResult;
import dev.switchboard.core.run.CallOptions;
import dev.switchboard.core.run.Engine;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a listing action for an agent: fills one {@link BudgetedPage} of at most a budget's items and bytes,
 * pulling upstream pages through the {@link Engine} only as far as the budget reaches, and hands back an
 * {@link AgentCursor} that continues exactly after the last item given, even when the budget cut a page in
 * the middle.
 *
 * <p>Page sizes: when the action declares a {@code limit_param}, pages are requested with the budget's item
 * count (or the caller's smaller limit), clamped to the input's {@code minimum} and {@code maximum}; a caller's
 * limit also caps the items of a reply. A continued listing requests its pages with the size recorded in its
 * cursor, so offsets stay true.
 *
 * <p>Thread-safe; stateless between calls (all state travels in the cursor).
 */
public final class BudgetedPager {
  /** The most upstream requests one reply makes; past it the reply ends early with a cursor. */
  public static final int MAX_REQUESTS = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Engine engine;
  private final OutputBudget budget;

  /**
   * Creates a pager.
   *
   * @param engine the engine that runs the action
   * @param budget the most one reply may hold
   */
  public BudgetedPager(Engine engine, OutputBudget budget) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  /** {@return the budget of each reply} */
  public OutputBudget budget() {
    return budget;
  }

  /**
   * Tells whether an action is a listing (its output is a list of records that can be cut to a budget): it
   * paginates, or its output declares where the records are.
   *
   * @param plan the action
   * @return true for a listing
   */
  public static boolean isListing(ActionPlan plan) {
    return !(plan.definition().pagination() instanceof PaginationConfig.None)
        || plan.definition().output().records().isPresent();
  }

  /**
   * Returns the input through which the action takes the position of a page, as its paginator knows it
   * ({@link dev.switchboard.core.paging.Paginator#cursorInput()}): such as Okta's {@code after} for a
   * {@code link_header} listing, the {@code cursor_input} of a cursor listing, the offset or page input. The
   * paginator reports the value for it with each page ({@link ActionResult#nextCursor()}).
   *
   * @param plan the action
   * @return the input's name, such as {@code after}
   */
  public static Optional<String> cursorInput(ActionPlan plan) {
    return plan.paginator().cursorInput();
  }

  /**
   * Returns the input through which the action takes a page size ({@code limit_param}), if any.
   *
   * @param plan the action
   * @return the input's name, such as {@code limit}
   */
  public static Optional<String> limitInput(ActionPlan plan) {
    return plan.definition().pagination().limitParam().filter(plan.definition().inputs()::containsKey);
  }

  /**
   * Fills one reply of a listing.
   *
   * @param plan a listing action ({@link #isListing})
   * @param inputs the call's inputs, without the agent cursor; a value for the action's cursor input starts the
   *     listing at that upstream cursor, a value for its limit input caps the reply's items
   * @param cursor the {@link AgentCursor} text from the previous reply, to continue after it
   * @return the reply
   * @throws ActionError (validation) for a bad input, naming it, or a cursor that is damaged, belongs to another
   *     action or to other inputs (field {@value AgentCursor#INPUT}); any other category when a request fails
   * @throws IllegalArgumentException when the action is not a listing
   */
  public BudgetedPage fetch(ActionPlan plan, Map<String, JsonNode> inputs, Optional<String> cursor) {
    return fetch(plan, inputs, cursor, CallOptions.DEFAULT);
  }

  /**
   * Fills one reply of a listing, with per-call options (such as an observer of its exchanges, for a run record).
   *
   * @param plan a listing action ({@link #isListing})
   * @param inputs the call's inputs, without the agent cursor
   * @param cursor the {@link AgentCursor} text from the previous reply, to continue after it
   * @param options the call's options, given to every upstream request of the reply
   * @return the reply
   * @throws ActionError as {@link #fetch(ActionPlan, Map, Optional)}
   * @throws IllegalArgumentException when the action is not a listing
   */
  public BudgetedPage fetch(ActionPlan plan, Map<String, JsonNode> inputs, Optional<String> cursor, CallOptions options) {
    if (!isListing(plan)) {
      throw new IllegalArgumentException(plan.id() + " is not a listing");
    }
    Optional<String> cursorInput = cursorInput(plan);
    Optional<String> limitInput = limitInput(plan);
    ObjectNode bound = bindScrubbed(plan, inputs);
    ObjectNode others = bound.deepCopy();
    cursorInput.ifPresent(others::remove);
    limitInput.ifPresent(others::remove);
    String digest = AgentCursor.digest(others);

    Optional<Integer> callerLimit = limitInput.filter(inputs::containsKey).map(bound::get)
        .filter(JsonNode::canConvertToInt).map(JsonNode::asInt);
    int maxItems = Math.min(budget.maxItems(), callerLimit.filter(l -> l > 0).orElse(Integer.MAX_VALUE));

    Map<String, JsonNode> call = new LinkedHashMap<>(inputs);
    Optional<String> upstream;
    int offset;
    int pageSize;
    if (cursor.isPresent()) {
      AgentCursor start = AgentCursor.decode(cursor.get(), plan.id());
      if (!start.inputsDigest().equals(digest)) {
        throw AgentCursor.invalid(plan.id(), "was made for a call with other inputs; repeat the inputs of the call that"
            + " returned it (only the page size may change), or leave it out to start from the beginning");
      }
      if (cursorInput.isPresent() && inputs.containsKey(cursorInput.get())) {
        throw AgentCursor.invalid(plan.id(), "and input '" + cursorInput.get() + "' cannot be combined; give only "
            + AgentCursor.INPUT);
      }
      upstream = start.upstream();
      offset = start.offset();
      pageSize = start.pageSize();
      if (upstream.isPresent() && cursorInput.isEmpty()) {
        throw AgentCursor.invalid(plan.id(), "points into a later page, but no input of " + plan.id() + " takes its cursor (cursor_param, or cursor_input);"
            + " leave it out to start from the beginning");
      }
      upstream.ifPresent(u -> call.put(cursorInput.get(), plan.parseInput(cursorInput.get(), u)));
    } else {
      upstream = cursorInput.map(bound::get).filter(JsonNode::isValueNode).map(JsonNode::asText);
      offset = 0;
      pageSize = limitInput.map(name -> clampToSchema(plan, name, maxItems)).orElse(0);
    }
    if (limitInput.isPresent() && pageSize > 0) {
      call.put(limitInput.get(), JsonNodeFactory.instance.numberNode(pageSize));
    }

    boolean polling = plan.definition().pagination() instanceof PaginationConfig.LinkHeader link && link.polling();
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    int bytes = 2;
    int requests = 0;
    Optional<String> pageUpstream = upstream;
    boolean resumable = true;
    try (Stream<ActionResult> pages = engine.pages(plan, call, options)) {
      Iterator<ActionResult> it = pages.iterator();
      while (true) {
        if (requests == MAX_REQUESTS) {
          return new BudgetedPage(items, bytes, true, resumable ? Optional.of(cursorAt(plan, pageUpstream, 0, pageSize, digest))
              : Optional.empty(), requests);
        }
        ActionResult page = it.next();
        requests++;
        JsonNode records = records(page.output());
        for (int i = requests == 1 ? offset : 0; i < records.size(); i++) {
          JsonNode item = records.get(i);
          int size = size(item);
          int next = bytes + (items.isEmpty() ? 0 : 1) + size;
          if (items.size() >= maxItems || next > budget.maxBytes() && !items.isEmpty()) {
            return new BudgetedPage(items, bytes, true,
                resumable ? Optional.of(cursorAt(plan, pageUpstream, i, pageSize, digest)) : Optional.empty(), requests);
          }
          items.add(item);
          bytes = next;
        }
        if (!page.hasMore()) {
          return new BudgetedPage(items, bytes, false, Optional.empty(), requests);
        }
        pageUpstream = page.nextCursor();
        resumable = pageUpstream.isPresent() && cursorInput.isPresent(); // a later page is reached only through its input
        if (polling && records.isEmpty()) {
          // A polling feed (Okta's System Log without an end) is caught up: hand back where to poll from later.
          return new BudgetedPage(items, bytes, false,
              resumable ? Optional.of(cursorAt(plan, pageUpstream, 0, pageSize, digest)) : Optional.empty(), requests);
        }
        if (items.size() >= maxItems) {
          return new BudgetedPage(items, bytes, true,
              resumable ? Optional.of(cursorAt(plan, pageUpstream, 0, pageSize, digest)) : Optional.empty(), requests);
        }
      }
    }
  }

  private ObjectNode bindScrubbed(ActionPlan plan, Map<String, JsonNode> inputs) {
    try {
      return plan.bind(inputs);
    } catch (ActionError e) {
      throw e.scrubbed(engine.redactor()::scrub);
    }
  }

  private static String cursorAt(ActionPlan plan, Optional<String> upstream, int offset, int pageSize, String digest) {
    return new AgentCursor(plan.id(), upstream, offset, pageSize, digest).encode();
  }

  private static JsonNode records(JsonNode output) {
    if (output == null || output.isNull() || output.isMissingNode()) {
      return JsonNodeFactory.instance.arrayNode();
    }
    return output.isArray() ? output : JsonNodeFactory.instance.arrayNode().add(output);
  }

  private static int clampToSchema(ActionPlan plan, String input, int wanted) {
    InputDefinition definition = plan.definition().inputs().get(input);
    JsonNode schema = definition.schema();
    long size = wanted;
    if (schema.path("maximum").isNumber()) {
      size = Math.min(size, schema.get("maximum").asLong());
    }
    if (schema.path("minimum").isNumber()) {
      size = Math.max(size, schema.get("minimum").asLong());
    }
    return (int) Math.max(1, Math.min(size, Integer.MAX_VALUE));
  }

  private static int size(JsonNode item) {
    try {
      return JSON.writeValueAsBytes(item).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree cannot be written as JSON", e);
    }
  }
}
