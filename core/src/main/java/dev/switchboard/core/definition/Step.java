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
  public sealed interface Kind {
    /**
     * Dispatches on the kind of step: every visitor handles every kind, so a new kind cannot be left unhandled.
     *
     * @param visitor the handler of each kind
     * @param <R> what the visitor returns
     * @return the visitor's answer for this step
     */
    <R> R accept(Visitor<R> visitor);
  }

  /**
   * One method per kind of step.
   *
   * @param <R> what each method returns
   */
  public interface Visitor<R> {
    /** Handles a step that runs an action. */
    R run(Run step);

    /** Handles a step that fails the compound. */
    R fail(Fail step);

    /** Handles a step that ends the compound with a value. */
    R result(Result step);
  }

  /**
   * Runs an action of the same connector.
   *
   * @param action the action's name, such as {@code get_user}
   * @param inputs the inputs, a JSON template over the compound's scope
   */
  public record Run(String action, JsonTemplate inputs) implements Kind {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.run(this);
    }
  }

  /**
   * Fails the compound action.
   *
   * @param category the error category's wire name, such as {@code conflict}
   * @param message the message template over the compound's scope
   */
  public record Fail(String category, Template message) implements Kind {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.fail(this);
    }
  }

  /**
   * Ends the compound action with a value.
   *
   * @param expression a JMESPath expression over the compound's scope
   */
  public record Result(String expression) implements Kind {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.result(this);
    }
  }
}
