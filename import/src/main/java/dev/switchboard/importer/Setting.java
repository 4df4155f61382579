package dev.switchboard.importer;

/**
 * A connector setting that is not a secret (a {@code config:} entry), such as the base URL.
 *
 * @param name the setting's name, such as {@code base_url}
 * @param description what it is, for people
 * @param env the environment variable it is read from
 * @param example an example value (never a secret)
 */
public record Setting(String name, String description, String env, String example) {}
