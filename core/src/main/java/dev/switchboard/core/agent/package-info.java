/**
 * Agent-sized output: listings cut to a budget of items and bytes per reply, with an opaque cursor that
 * continues exactly where a reply stopped, even in the middle of an upstream page.
 *
 * <p>{@link dev.switchboard.core.agent.OutputBudget} says how much one reply may hold;
 * {@link dev.switchboard.core.agent.BudgetedPager} runs a listing action through the
 * {@link dev.switchboard.core.run.Engine} and fills one {@link dev.switchboard.core.agent.BudgetedPage};
 * {@link dev.switchboard.core.agent.AgentCursor} is the position it hands back.
 */
package dev.switchboard.core.agent;
