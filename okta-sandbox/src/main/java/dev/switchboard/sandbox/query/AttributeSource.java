package dev.switchboard.sandbox.query;

import java.util.Optional;

/**
 * The attributes of one resource, by the dotted path an expression names, e.g. {@code status},
 * {@code profile.login} or {@code type.id}.
 */
@FunctionalInterface
public interface AttributeSource {
    /**
     * The value at a path.
     *
     * @param path a dotted attribute path, case-sensitive
     * @return a {@link String}, {@link Number}, {@link Boolean} or {@link java.util.Collection} of those; empty
     *     when the resource has no such attribute or its value is null. Timestamps are strings in Okta's format.
     */
    Optional<Object> attribute(String path);
}
