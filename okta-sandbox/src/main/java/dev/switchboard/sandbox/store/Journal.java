package dev.switchboard.sandbox.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the org's state changes go as they happen, so that a restart loses nothing. Each change is the whole new
 * state of one record (or its removal), so replaying a change twice gives the same result.
 *
 * <p>Callers record a change while they hold the lock that serializes changes to the record's collection, and
 * <em>before</em> they apply it in memory: when recording fails (a full disk), the exception leaves the org as it
 * was, so memory never holds a change the data directory does not. The changes of one call are written together
 * or not at all.
 */
@FunctionalInterface
public interface Journal {
    /** A journal that keeps nothing: the state of a sandbox without a data directory. */
    Journal NONE = changes -> { };

    /**
     * Records changes as one unit: once this returns, all of them are on disk; when it throws, none is.
     *
     * @param changes the changes, in the order they happen
     * @throws DataDirectory.WriteFailedException when they cannot be written, e.g. because the disk is full
     */
    void record(List<Change> changes);

    /**
     * Records one change.
     *
     * @param kind the record's collection, e.g. {@code user}
     * @param id the record's id within its collection
     * @param state gives the record's new state as JSON values, or empty when the record is removed; called only
     *     by a journal that keeps changes, so that a sandbox without a data directory pays nothing for it
     * @throws DataDirectory.WriteFailedException when it cannot be written
     */
    default void record(String kind, String id, Supplier<Optional<Map<String, Object>>> state) {
        record(List.of(new Change(kind, id, state)));
    }

    /**
     * One change of one record.
     *
     * @param kind the record's collection, e.g. {@code user}
     * @param id the record's id within its collection
     * @param state gives the record's new state, or empty for a removal; called only when the change is written
     */
    record Change(String kind, String id, Supplier<Optional<Map<String, Object>>> state) {
        /**
         * A change that removes a record.
         *
         * @param kind the record's collection
         * @param id the record's id
         * @return the change
         */
        public static Change removal(String kind, String id) {
            return new Change(kind, id, Optional::empty);
        }

        /**
         * A change that sets a record's state.
         *
         * @param kind the record's collection
         * @param id the record's id
         * @param state gives the record's JSON values
         * @return the change
         */
        public static Change of(String kind, String id, Supplier<Map<String, Object>> state) {
            return new Change(kind, id, () -> Optional.of(state.get()));
        }
    }
}
