package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Activations and deactivations that take time, as Okta's do: "Activation of a user is an asynchronous operation.
 * The user has the {@code transitioningToStatus} property with an {@code ACTIVE} value during activation", and
 * likewise {@code DEPROVISIONED} during deactivation (the {@code activateUser} and {@code deactivateUser}
 * operations of the Management API description).
 *
 * <p>With a transition time of zero (the default) they complete at once, as they do for a small org. With a longer
 * one the user keeps its status, shows {@code transitioningToStatus}, and completes on the first request that
 * arrives once the time has passed on the sandbox's clock (so tests move a clock instead of waiting). Meanwhile
 * an update of a user being activated is 409 E0000112, and of one being deactivated, like every lifecycle
 * operation on a transitioning user, 403 E0000038. Thread-safe.
 */
public final class Transitions {
    private final Duration time;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    /**
     * Transitions that take a given time.
     *
     * @param time how long an activation or deactivation takes; zero for at once
     * @param clock the sandbox's clock
     */
    public Transitions(Duration time, Clock clock) {
        this.time = Objects.requireNonNull(time, "time");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (time.isNegative()) {
            throw new IllegalArgumentException("a transition time cannot be negative: " + time);
        }
    }

    /**
     * When a transition that begins now ends, if transitions take time.
     *
     * @return the end, or empty when transitions complete at once
     */
    Optional<Instant> endOfOneStartingNow() {
        return time.isZero() ? Optional.empty() : Optional.of(clock.instant().plus(time));
    }

    /**
     * Follows a user in transition until it completes.
     *
     * @param user a user with a transition
     */
    void follow(User user) {
        user.transition().ifPresent(transition -> pending.put(user.id(), transition.ends()));
    }

    /**
     * Completes the transitions whose time has come.
     *
     * @param complete completes one user's transition, given its id
     */
    void settle(Consumer<String> complete) {
        if (pending.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        pending.forEach((id, ends) -> {
            if (!now.isBefore(ends) && pending.remove(id, ends)) {
                complete.accept(id);
            }
        });
    }

    /**
     * Refuses to change a user whose status is in transition.
     *
     * @param user the user
     * @param update true for a profile or credentials update, false for a lifecycle operation
     * @throws OktaException 409 E0000112 to update a user being activated, 403 E0000038 otherwise
     */
    static void refuseWhileInTransition(User user, boolean update) {
        user.transition().ifPresent(transition -> {
            boolean activating = transition.to() != UserStatus.DEPROVISIONED;
            throw OktaException.of(update && activating ? ErrorCode.E0000112 : ErrorCode.E0000038);
        });
    }
}
