package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.auth.Principal;
import dev.switchboard.sandbox.auth.Scopes;
import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.logs.EventType;
import dev.switchboard.sandbox.logs.LogActor;
import dev.switchboard.sandbox.logs.SystemLog;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.QueryParameters;
import dev.switchboard.sandbox.server.RequestBodies;
import dev.switchboard.sandbox.server.SandboxServer;
import dev.switchboard.sandbox.wire.OktaIds;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The credential operations a user's {@code changePassword}, {@code changeRecoveryQuestion} and
 * {@code forgotPassword} links name, as Okta's {@code UserCred} operations (Management API description):
 * <ul>
 *   <li>{@code POST /api/v1/users/{userId}/credentials/change_password} ({@code changePassword}) with
 *       {@code {oldPassword{value}, newPassword{value}}}: "You can only perform this operation on users in STAGED,
 *       ACTIVE, PASSWORD_EXPIRED, or RECOVERY status that have a valid password credential"; a user in RECOVERY
 *       (and, in the sandbox, PASSWORD_EXPIRED) becomes ACTIVE. A wrong old password is 403 E0000014 "Update of
 *       credentials failed" with the cause "oldPassword: The credentials provided were incorrect."; the sandbox
 *       knows only passwords set through its API, so a seeded user's password never matches. With
 *       {@code strict=true}, one of the user's last {@value Passwords#HISTORY} passwords is refused.</li>
 *   <li>{@code POST .../credentials/change_recovery_question} ({@code changeRecoveryQuestion}) with
 *       {@code {password{value}, recovery_question{question, answer}}}: STAGED, ACTIVE or RECOVERY users with a
 *       password; the same 403 for a wrong password.</li>
 *   <li>{@code POST .../credentials/forgot_password?sendEmail=} ({@code forgotPassword}): ACTIVE users with a
 *       recovery question; {@code sendEmail=false} answers {@code {resetPasswordUrl}}; the status does not
 *       change ("This operation doesn't affect the status of the user").</li>
 * </ul>
 * From another status: 403 E0000038. Changes record {@code user.account.update_password}. A service app needs
 * {@code okta.users.manage}.
 */
public final class UserCredentialsApi implements ApiEndpoints {
    private static final String PATH = "/api/v1/users/{idOrLogin}/credentials/";
    private static final SecureRandom TOKENS = new SecureRandom();

    private final UserDirectory directory;
    private final SystemLog log;
    private final Clock clock;
    private final Supplier<String> orgUrl;

    /**
     * The endpoints over a directory.
     *
     * @param directory the org's users
     * @param log where changes are recorded
     * @param clock the clock of timestamps
     * @param orgUrl the org's base URL without trailing slash
     */
    public UserCredentialsApi(UserDirectory directory, SystemLog log, Clock clock, Supplier<String> orgUrl) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orgUrl = Objects.requireNonNull(orgUrl, "orgUrl");
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(PATH + "change_password", this::changePassword);
        routes.post(PATH + "change_recovery_question", this::changeRecoveryQuestion);
        routes.post(PATH + "forgot_password", this::forgotPassword);
    }

    private void changePassword(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.USERS_MANAGE);
        User user = UsersApi.target(ctx, directory);
        boolean strict = UsersApi.flag(QueryParameters.parse(ctx.queryString()), "strict", false);
        Map<String, Object> body = RequestBodies.object(ctx);
        Object oldValue = RequestedCredentials.object(body, "oldPassword").map(value -> value.get("value")).orElse(null);
        String newPassword = RequestedCredentials.checkedPassword(
                RequestedCredentials.object(body, "newPassword").map(value -> value.get("value")).orElse(null),
                "newPassword");
        if (!UserJson.canChangePassword(user)) {
            throw OktaException.of(ErrorCode.E0000038);
        }
        checkCurrentPassword(user, oldValue, "oldPassword");
        if (strict && Passwords.usedRecently(newPassword, user.passwordHashes())) {
            throw OktaException.withCauses(ErrorCode.E0000014, List.of("password: Password has been used too recently"));
        }
        Instant now = clock.instant();
        User changed = user.withPassword(Passwords.hash(newPassword), now);
        if (changed.status() == UserStatus.RECOVERY || changed.status() == UserStatus.PASSWORD_EXPIRED) {
            changed = changed.withStatus(UserStatus.ACTIVE, now);
        }
        changed = directory.replace(changed);
        log.record(EventType.USER_UPDATE_PASSWORD, LogActor.of(principal), List.of(UserJson.target(changed)),
                SandboxServer.logRequest(ctx));
        JsonResponses.write(ctx, UserJson.credentials(changed));
    }

    private void changeRecoveryQuestion(Context ctx) {
        Principal principal = SandboxServer.principal(ctx);
        principal.require(Scopes.USERS_MANAGE);
        User user = UsersApi.target(ctx, directory);
        Map<String, Object> body = RequestBodies.object(ctx);
        Object password = RequestedCredentials.object(body, "password").map(value -> value.get("value")).orElse(null);
        RequestedCredentials requested = RequestedCredentials.of(Map.of("credentials",
                Map.of("recovery_question", RequestedCredentials.object(body, "recovery_question").orElseThrow(() ->
                        OktaException.withCauses(ErrorCode.E0000001, "recovery_question",
                                List.of("recovery_question: The field cannot be left blank"))))));
        if (!UserJson.canChangeRecoveryQuestion(user)) {
            throw OktaException.of(ErrorCode.E0000038);
        }
        checkCurrentPassword(user, password, "password");
        User changed = directory.replace(user.withRecoveryQuestion(requested.recoveryQuestion().orElseThrow(),
                clock.instant()));
        JsonResponses.write(ctx, UserJson.credentials(changed));
    }

    private void forgotPassword(Context ctx) {
        SandboxServer.principal(ctx).require(Scopes.USERS_MANAGE);
        User user = UsersApi.target(ctx, directory);
        boolean sendEmail = UsersApi.flag(QueryParameters.parse(ctx.queryString()), "sendEmail", true);
        if (user.status() != UserStatus.ACTIVE || user.recoveryQuestion().isEmpty() || user.transition().isPresent()) {
            throw OktaException.of(ErrorCode.E0000038);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!sendEmail) {
            answer.put("resetPasswordUrl", orgUrl.get() + "/signin/reset-password/" + OktaIds.alphanumerics(TOKENS, 20));
        }
        JsonResponses.write(ctx, answer);
    }

    private static void checkCurrentPassword(User user, Object given, String field) {
        if (!(given instanceof String password) || !Passwords.usedRecently(password, user.passwordHashes().subList(0,
                Math.min(1, user.passwordHashes().size())))) {
            throw OktaException.withCauses(ErrorCode.E0000014, List.of(field + ": The credentials provided were incorrect."));
        }
    }
}
