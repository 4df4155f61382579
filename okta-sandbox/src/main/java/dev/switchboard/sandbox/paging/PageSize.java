package dev.switchboard.sandbox.paging;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code limit} query parameter.
 *
 * <p>Okta clamps a limit above an operation's maximum to that maximum (users: default and maximum 200,
 * https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listUsers).
 * What Okta does with a limit that is not a positive integer is not documented; the sandbox answers
 * 400 E0000029 "Invalid paging request." with a cause naming {@code limit}.
 */
public final class PageSize {
    private PageSize() {
    }

    /**
     * The effective page size.
     *
     * @param raw the parameter's value, empty when absent (an empty string counts as absent)
     * @param defaultLimit the size when absent
     * @param maxLimit the largest size; larger values are clamped to it
     * @return a size from 1 to {@code maxLimit}
     * @throws OktaException 400 E0000029 when the value is not an integer or is below 1
     */
    public static int parse(Optional<String> raw, int defaultLimit, int maxLimit) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            return defaultLimit;
        }
        long limit;
        try {
            limit = Long.parseLong(raw.get().strip());
        } catch (NumberFormatException e) {
            throw invalid(raw.get());
        }
        if (limit < 1) {
            throw invalid(raw.get());
        }
        return (int) Math.min(limit, maxLimit);
    }

    private static OktaException invalid(String raw) {
        return OktaException.withCauses(ErrorCode.E0000029,
                List.of("limit: must be a positive integer, was '" + raw + "'"));
    }
}
