package dev.switchboard.sandbox.schema;

import dev.switchboard.sandbox.store.Journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The org's user schema, changed as a whole: reads never block and see one version; changes are serialized and
 * journaled before they take effect. Thread-safe.
 */
public final class UserSchemaStore {
    /** The journal's record kind for the user schema. */
    public static final String KIND = "userSchema";
    /** The journal's record id of the default user type's schema. */
    public static final String ID = "default";

    private volatile UserSchema current;
    private volatile Journal journal = Journal.NONE;

    /**
     * A store holding a schema.
     *
     * @param schema the org's schema at start
     */
    public UserSchemaStore(UserSchema schema) {
        this.current = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Sets where changes are also written.
     *
     * @param journal the journal
     */
    public void journal(Journal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * The schema now.
     *
     * @return the current version
     */
    public UserSchema current() {
        return current;
    }

    /**
     * Applies an {@code updateUserProfile} request.
     *
     * @param request the request body
     * @param now the time of the change
     * @return the changed schema
     * @throws dev.switchboard.sandbox.errors.OktaException 400 E0000001 when the request is invalid
     */
    public synchronized UserSchema change(Map<String, Object> request, Instant now) {
        UserSchema changed = current.changed(request, now);
        journal.record(KIND, ID, () -> Optional.of(changed.toMap()));
        current = changed;
        return changed;
    }

    /**
     * Puts back a schema read from a data directory.
     *
     * @param saved the saved values
     */
    public synchronized void restore(Map<String, Object> saved) {
        current = UserSchema.fromMap(saved);
    }
}
