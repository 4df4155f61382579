/**
 * Okta's rate limits: requests counted per bucket (a path family such as {@code /api/v1/users}) per window,
 * reported on every response as {@code X-Rate-Limit-Limit}, {@code X-Rate-Limit-Remaining} and
 * {@code X-Rate-Limit-Reset} (UTC epoch seconds), answered with 429 E0000047 when exhausted.
 *
 * <p>Source: https://developer.okta.com/docs/reference/rl-global-mgmt/ and
 * https://developer.okta.com/docs/reference/rl-best-practices/, summarised in OKTA-WIRE.md "Rate limits".
 */
package dev.switchboard.sandbox.ratelimit;
