package dev.switchboard.core.definition;

import java.util.Optional;

/**
 * A connector setting that is not a secret, such as a service's site URL, declared under {@code config:}.
 *
 * @param name the name templates use after {@code config.}, such as {@code org_url}
 * @param description what the value is, for people and for error messages
 * @param env the environment variable it is read from by default, such as {@code TIX_URL}
 * @param example an example value shown in errors and docs
 */
public record ConfigVariable(String name, String description, Optional<String> env, Optional<String> example) {}
