package dev.switchboard.sandbox.store;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the org's state changes go as they happen, so that a restart loses nothing. Each change is the whole new
 * state of one record (or its removal), so replaying a change twice gives the same result.
 *
 * <p>Callers record a change while they hold the lock that serializes changes to the record's collection, so
 * that the journal's order is the order in which the changes happened.
 */
@FunctionalInterface
public interface Journal {
    /** A journal that keeps nothing: the state of a sandbox without a data directory. */
    Journal NONE = (kind, id, state) -> { };

    /**
     * Records the new state of a record.
     *
     * @param kind the record's collection, e.g. {@code user}
     * @param id the record's id within its collection
     * @param state gives the record's new state as JSON values, or empty when the record was removed; called only
     *     by a journal that keeps changes, so that a sandbox without a data directory pays nothing for it
     * @throws java.io.UncheckedIOException when the change cannot be written
     */
    void record(String kind, String id, Supplier<Optional<Map<String, Object>>> state);
}
