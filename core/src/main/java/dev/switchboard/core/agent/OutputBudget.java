package dev.switchboard.core.agent;

/**
 * How much of a listing one reply to an agent may hold, so that a 100,000-user org never floods a model's
 * context.
 *
 * <p>Bytes are counted on the compact UTF-8 JSON of the reply's item array ({@code [item,item,...]}), which
 * is what a reply carries in its structured content. The first item of a reply is always included, even when
 * it alone is larger than {@code maxBytes}, so that paging always makes progress; every later item must fit.
 *
 * @param maxItems the most items in one reply, at least 1
 * @param maxBytes the most bytes of the reply's item array, at least {@value #MIN_BYTES}
 */
public record OutputBudget(int maxItems, int maxBytes) {
  /** The default item count: 50, as issue 5 asks. */
  public static final int DEFAULT_MAX_ITEMS = 50;
  /**
   * The default byte count: 16 KiB, about 4,000 tokens of JSON. Fifty Okta users as the catalog's
   * {@code okta.list_users} maps them take about 11 KB, so the item count is what usually cuts a reply; the
   * byte count stops wide records (an action without an output mapping, long descriptions) from flooding.
   */
  public static final int DEFAULT_MAX_BYTES = 16_384;
  /** The smallest byte budget accepted. */
  public static final int MIN_BYTES = 256;
  /** The default budget: {@value #DEFAULT_MAX_ITEMS} items and {@value #DEFAULT_MAX_BYTES} bytes. */
  public static final OutputBudget DEFAULT = new OutputBudget(DEFAULT_MAX_ITEMS, DEFAULT_MAX_BYTES);

  /**
   * Checks the limits.
   *
   * @param maxItems the most items in one reply
   * @param maxBytes the most bytes of the reply's item array
   * @throws IllegalArgumentException when {@code maxItems} is below 1 or {@code maxBytes} below {@value #MIN_BYTES}
   */
  public OutputBudget {
    if (maxItems < 1) {
      throw new IllegalArgumentException("the item budget must be at least 1; got " + maxItems);
    }
    if (maxBytes < MIN_BYTES) {
      throw new IllegalArgumentException("the byte budget must be at least " + MIN_BYTES + "; got " + maxBytes);
    }
  }
}
