package dev.switchboard.sandbox.logs;

import dev.switchboard.sandbox.query.AttributeSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One System Log event, immutable: its position in the log and its JSON representation, shaped like the
 * {@code LogEvent} schema of the Management API description ({@code uuid, published, eventType, version,
 * severity, displayMessage, actor, client, request, outcome, target[], transaction, debugContext,
 * authenticationContext, securityContext}).
 *
 * @param sequence the event's position in the log, from 1, increasing with {@code published}
 * @param published when the event happened
 * @param json the event as served, unmodifiable
 */
public record LogEvent(long sequence, Instant published, Map<String, Object> json) {

    /**
     * Checks the arguments and makes the JSON unmodifiable.
     *
     * @param sequence as described on the record
     * @param published as described on the record
     * @param json as described on the record
     */
    public LogEvent {
        Objects.requireNonNull(published, "published");
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    /**
     * The event's type, e.g. {@code user.lifecycle.create}.
     *
     * @return the {@code eventType}
     */
    public String eventType() {
        return (String) json.get("eventType");
    }

    /**
     * The event's attributes by dotted path, for {@code filter} expressions: {@code eventType},
     * {@code actor.id}, {@code target.id} (every target's, as a SCIM multi-valued attribute),
     * {@code outcome.result}, {@code severity}, {@code published}...
     *
     * @return a view of this event
     */
    public AttributeSource attributes() {
        return path -> Optional.ofNullable(at(json, path.split("\\."), 0));
    }

    private static Object at(Object node, String[] path, int index) {
        if (index == path.length) {
            return node;
        }
        if (node instanceof Map<?, ?> map) {
            return at(map.get(path[index]), path, index + 1);
        }
        if (node instanceof Collection<?> elements) {
            List<Object> values = new ArrayList<>();
            for (Object element : elements) {
                Object value = at(element, path, index);
                if (value instanceof Collection<?> nested) {
                    values.addAll(nested);
                } else if (value != null) {
                    values.add(value);
                }
            }
            return values.isEmpty() ? null : values;
        }
        return null;
    }
}
