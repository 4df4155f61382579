package dev.switchboard.core.definition;

import dev.switchboard.core.template.JsonTemplate;
import dev.switchboard.core.template.Template;
import java.util.Optional;

/**
 * One step of a compound action (the {@code steps:} of an action, as Moveworks Agent Studio's compound
 * actions): run another action of the same connector, fail with a message, or end with a result. Each step
 * may have a condition.
 *
 * @param name the name later steps and the result use for this step's output; empty when unused
 * @param when a JMESPath condition over the compound's scope (its inputs and earlier steps' outputs by
 *     name); the step runs only when it is truthy; empty means always
 * @param kind what the step does
 */
public record Step(Optional<String> name, Optional<String> when, Kind kind) {
  /** What a step does. */
  public sealed interface Kind {}

  /**
   * Runs an action of the same connector.
   *
   * @param action the action's name, such as {@code get_user}
   * @param inputs the inputs, a JSON template over the compound's scope
   */
  public record Run(String action, JsonTemplate inputs) implements Kind {}

  /**
   * Fails the compound action.
   *
   * @param category the error category's wire name, such as {@code conflict}
   * @param message the message template over the compound's scope
   */
  public record Fail(String category, Template message) implements Kind {}

  /**
   * Ends the compound action with a value.
   *
   * @param expression a JMESPath expression over the compound's scope
   */
  public record Result(String expression) implements Kind {}
}
