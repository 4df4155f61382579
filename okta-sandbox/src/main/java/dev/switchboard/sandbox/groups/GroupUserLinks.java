package dev.switchboard.sandbox.groups;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.LogRequest;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.users.User;
import dev.switchboard.sandbox.users.UserJson;
import dev.switchboard.sandbox.users.UserLinks;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What groups (and API tokens) do when users change: a new user's {@code groupIds} become memberships, a deleted
 * user leaves every group, a deactivated user's API tokens are revoked; a new or deleted user changes the Everyone
 * group's members, so its {@code lastMembershipUpdated}.
 */
public final class GroupUserLinks implements UserLinks {
    private final GroupDirectory groups;
    private final SystemLog log;
    private final Clock clock;
    private final Consumer<User> onDeactivated;

    /**
     * Links over the org's groups.
     *
     * @param groups the groups
     * @param log where membership changes are recorded
     * @param clock the clock of membership timestamps
     * @param onDeactivated what else happens when a user is deactivated, e.g. revoking their API tokens
     */
    public GroupUserLinks(GroupDirectory groups, SystemLog log, Clock clock, Consumer<User> onDeactivated) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onDeactivated = Objects.requireNonNull(onDeactivated, "onDeactivated");
    }

    @Override
    public void checkGroups(List<String> groupIds) {
        for (String id : groupIds) {
            if (groups.byId(id).isEmpty()) {
                throw OktaException.withCauses(ErrorCode.E0000001, "groupIds",
                        List.of("groupIds: the group " + id + " does not exist"));
            }
        }
    }

    @Override
    public void addToGroups(User user, List<String> groupIds, Principal actor, LogRequest request) {
        groups.everyoneChanged(clock.instant());
        for (String id : groupIds) {
            groups.byId(id).ifPresent(group -> {
                if (groups.addMember(id, user.id(), clock.instant())) {
                    log.record(EventType.GROUP_MEMBERSHIP_ADD, LogActor.of(actor),
                            List.of(UserJson.target(user), GroupJson.target(group)), request);
                }
            });
        }
    }

    @Override
    public void deactivated(User user) {
        onDeactivated.accept(user);
    }

    @Override
    public void deleted(User user) {
        groups.removeUser(user.id());
        groups.everyoneChanged(clock.instant());
    }
}
