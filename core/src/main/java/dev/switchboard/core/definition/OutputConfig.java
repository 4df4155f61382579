package dev.switchboard.core.definition;

import java.util.Optional;

/**
 * How a response body becomes an action's output: the {@code output:} block, two JMESPath expressions
 * (https://jmespath.org/specification.html).
 *
 * @param records where the list of records sits in each page's body ({@code @} when the body is the
 *     list, as many APIs' lists are); empty for an action that returns one object
 * @param map the projection applied to each record (or to the whole body when there are no records),
 *     such as {@code {id: id, login: profile.login}}; empty keeps records as they are
 */
public record OutputConfig(Optional<String> records, Optional<String> map) {
  /** The output of an action that declares no {@code output:}: the body as it came. */
  public static final OutputConfig IDENTITY = new OutputConfig(Optional.empty(), Optional.empty());
}
