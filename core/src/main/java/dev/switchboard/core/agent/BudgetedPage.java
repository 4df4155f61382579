package dev.switchboard.core.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Optional;

/**
 * One reply's worth of a listing, cut to an {@link OutputBudget}.
 *
 * @param items the records, as the action's output mapping made them, at most the budget's item count
 * @param bytes the size of {@code items} as compact UTF-8 JSON, in bytes
 * @param truncated true when more records exist after these (the budget, the page size asked for, or the
 *     limit of upstream requests per reply cut the listing)
 * @param nextCursor the {@link AgentCursor} text that continues right after the last item: present when the reply
 *     is truncated (empty then only when the action declares no cursor input to reach the rest later), and for a
 *     caught-up polling feed (not truncated) as the place to poll from later; empty at the end of a listing
 * @param requests how many upstream requests filling this reply took
 */
public record BudgetedPage(ArrayNode items, int bytes, boolean truncated, Optional<String> nextCursor, int requests) {}
