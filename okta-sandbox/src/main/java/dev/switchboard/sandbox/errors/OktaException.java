package dev.switchboard.sandbox.errors;

import dev.switchboard.sandbox.wire.OktaIds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer in Okta's shape, thrown anywhere while handling a request and rendered by the HTTP layer as
 * {@code {"errorCode","errorSummary","errorLink","errorId","errorCauses":[{"errorSummary"}]}} with the code's
 * HTTP status.
 *
 * <p>Unchecked on purpose: handlers throw it to end a request, and the server maps it in one place.
 */
public final class OktaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The Okta error code. */
    private final ErrorCode code;
    /** The {@code errorSummary}. */
    private final String summary;
    /** The {@code errorSummary} of each cause. */
    private final List<String> causes;
    /** The HTTP status, the code's own unless a precondition failed. */
    private final int status;

    private OktaException(ErrorCode code, String summary, List<String> causes, int status) {
        super(code.name() + ": " + summary);
        this.code = code;
        this.summary = summary;
        this.causes = List.copyOf(causes);
        this.status = status;
    }

    private OktaException(ErrorCode code, String summary, List<String> causes) {
        this(code, summary, causes, code.httpStatus());
    }

    /**
     * A request whose {@code If-Match} names another version of the resource than the current one: 412
     * Precondition Failed, as RFC 9110 section 13.1.1 requires of a failed {@code If-Match} on a change, with
     * E0000001, the code Okta's error list gives a violated precondition of an endpoint ("This is a fairly general
     * error that signifies that endpoint's precondition has been violated"). Okta's documentation names neither
     * status nor code for this case; this is the sandbox's choice.
     *
     * @param cause the {@code errorSummary} of the one cause
     * @return the exception, to throw
     */
    public static OktaException preconditionFailed(String cause) {
        return new OktaException(ErrorCode.E0000001, ErrorCode.E0000001.summary("If-Match"), List.of(cause), 412);
    }

    /**
     * The response's HTTP status.
     *
     * @return the code's {@link ErrorCode#httpStatus()}, or 412 for a failed {@code If-Match}
     */
    public int status() {
        return status;
    }

    /**
     * An error with the code's own summary and no causes.
     *
     * @param code the Okta error code
     * @return the exception, to throw
     */
    public static OktaException of(ErrorCode code) {
        return new OktaException(code, code.summary(), List.of());
    }

    /**
     * An error whose summary placeholder {@code {0}} is filled, with no causes.
     *
     * @param code the Okta error code
     * @param argument the text for the summary's placeholder
     * @return the exception, to throw
     */
    public static OktaException of(ErrorCode code, String argument) {
        return new OktaException(code, code.summary(argument), List.of());
    }

    /**
     * An error with the code's own summary and the given {@code errorCauses} summaries.
     *
     * @param code the Okta error code, one whose summary has no placeholder
     * @param causes one {@code errorSummary} per cause, in order
     * @return the exception, to throw
     */
    public static OktaException withCauses(ErrorCode code, List<String> causes) {
        return new OktaException(code, code.summary(), causes);
    }

    /**
     * An error whose summary placeholder {@code {0}} is filled, with the given {@code errorCauses} summaries.
     *
     * @param code the Okta error code
     * @param argument the text for the summary's placeholder
     * @param causes one {@code errorSummary} per cause, in order
     * @return the exception, to throw
     */
    public static OktaException withCauses(ErrorCode code, String argument, List<String> causes) {
        return new OktaException(code, code.summary(argument), causes);
    }

    /**
     * The "resource not found" error Okta gives for a missing object:
     * {@code Not found: Resource not found: {id} (User)}.
     *
     * @param id the identifier the caller asked for, echoed as given
     * @param type Okta's type name, e.g. {@code User}
     * @return an E0000007 exception
     */
    public static OktaException resourceNotFound(String id, String type) {
        return of(ErrorCode.E0000007, "Resource not found: " + id + " (" + type + ")");
    }

    /**
     * The Okta error code.
     *
     * @return the code; its {@link ErrorCode#httpStatus()} is the response status
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * The {@code errorSummary}.
     *
     * @return the summary text
     */
    public String summary() {
        return summary;
    }

    /**
     * The {@code errorSummary} of each entry of {@code errorCauses}.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> causes() {
        return causes;
    }

    /**
     * The error body, with a new random {@code errorId}:
     * {@code {"errorCode","errorSummary","errorLink","errorId","errorCauses":[{"errorSummary"}]}}, where
     * {@code errorLink} repeats the code as Okta's does.
     *
     * @return an ordered map of JSON values
     */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code.name());
        body.put("errorSummary", summary);
        body.put("errorLink", code.name());
        body.put("errorId", OktaIds.errorId());
        List<Map<String, String>> causeBodies = new ArrayList<>();
        causes.forEach(cause -> causeBodies.add(Map.of("errorSummary", cause)));
        body.put("errorCauses", causeBodies);
        return body;
    }
}
