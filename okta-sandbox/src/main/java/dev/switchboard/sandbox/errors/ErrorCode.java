package dev.switchboard.sandbox.errors;

/**
 * The Okta error codes the sandbox produces, each with its HTTP status and Okta's summary text.
 *
 * <p>Status codes and summaries are those of Okta's error code list
 * (https://developer.okta.com/docs/reference/error-codes/); a summary containing {@code {0}} takes one
 * argument, as Okta's does (for example E0000007 "Not found: {0}").
 */
public enum ErrorCode {
    /** 400: API validation failed for the current request. */
    E0000001(400, "Api validation failed: {0}"),
    /** 400: the request body is not well-formed JSON, or not the JSON object the operation expects. */
    E0000003(400, "The request body was not well-formed."),
    /** 403: missing or malformed {@code Authorization} header (observed behaviour, see OKTA-WIRE.md). */
    E0000005(403, "Invalid session"),
    /** 403: the caller may not perform the action. */
    E0000006(403, "You do not have permission to perform the requested action"),
    /** 404: a resource that does not exist, e.g. "Not found: Resource not found: xyz (User)". */
    E0000007(404, "Not found: {0}"),
    /** 404: a path the API does not have. */
    E0000008(404, "The requested path was not found"),
    /** 500: an unexpected failure inside the sandbox. */
    E0000009(500, "Internal Server Error"),
    /** 503: the service is briefly unavailable (Okta's read-only mode); injected by the fault options. */
    E0000010(503, "Service is in read only mode"),
    /** 403: a credential change whose current password (or recovery answer) is wrong. */
    E0000014(403, "Update of credentials failed"),
    /** 401: unknown, revoked or expired API token. */
    E0000011(401, "Invalid token provided"),
    /** 403: activating a user who is already active. */
    E0000016(403, "Activation failed because the user is already active"),
    /** 405: the path exists but not with this HTTP method. */
    E0000022(405, "The endpoint does not support the provided HTTP method"),
    /** 400: a bad {@code limit} or {@code after} cursor. */
    E0000029(400, "Invalid paging request."),
    /** 400: a {@code search} or {@code filter} expression that cannot be parsed or is not supported. */
    E0000031(400, "Invalid search criteria."),
    /** 400: {@code search} and {@code filter} given in the same request. */
    E0000033(400, "Bad request. Can't specify a search query and filter in the same request."),
    /** 403: a lifecycle operation that the user's current status does not allow. */
    E0000038(403, "This operation is not allowed in the user's current status."),
    /**
     * 400: a System Log {@code filter} that is not a valid SCIM filter (OKTA-WIRE.md: "E0000053 400 invalid SCIM
     * filter"; the summary is the sandbox's wording).
     */
    E0000053(400, "Invalid SCIM filter."),
    /**
     * 400: a groups {@code filter} that names a property or operator that {@code filter} does not support
     * (OKTA-WIRE.md: "E0000094 400 unsupported filter"; the summary is the sandbox's wording).
     */
    E0000094(400, "The filter is not supported."),
    /**
     * 409: an update of a user whose activation has not completed (OKTA-WIRE.md: "E0000112 409 user still
     * activating"; the summary is the sandbox's wording).
     */
    E0000112(409, "Unable to update this user because the user is still being activated. Please try again later."),
    /** 429: the rate limit of the request's bucket is exhausted for the current window. */
    E0000047(429, "API call exceeded rate limit due to too many requests.");

    private final int httpStatus;
    private final String summaryTemplate;

    ErrorCode(int httpStatus, String summaryTemplate) {
        this.httpStatus = httpStatus;
        this.summaryTemplate = summaryTemplate;
    }

    /**
     * The HTTP status Okta answers with for this code.
     *
     * @return an HTTP status code, 400 to 599
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Okta's summary for this code with its placeholder, if any, replaced.
     *
     * @param argument the text for {@code {0}}; ignored when the summary has no placeholder
     * @return the {@code errorSummary} text
     */
    public String summary(String argument) {
        return summaryTemplate.replace("{0}", argument);
    }

    /**
     * Okta's summary for this code, for codes without a placeholder.
     *
     * @return the {@code errorSummary} text
     */
    public String summary() {
        return summaryTemplate;
    }
}
