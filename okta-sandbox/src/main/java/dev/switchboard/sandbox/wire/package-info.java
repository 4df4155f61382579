/**
 * Okta's wire formats for identifiers and timestamps.
 *
 * <p>Sources: the {@code User}, {@code ApiToken} and {@code Error} schemas and examples of the Management API
 * OpenAPI description (ids such as {@code 00u1xke1apZnmHgpB1d7}, timestamps such as
 * {@code 2022-05-24T15:39:09.000Z}).
 */
package dev.switchboard.sandbox.wire;
