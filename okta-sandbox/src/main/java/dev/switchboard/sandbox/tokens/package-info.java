/**
 * API tokens: creation (shown once, stored hashed), expiry after a window without use, revocation (also when the
 * creating admin is deactivated), and the {@code /api/v1/api-tokens} endpoints.
 *
 * <p>Sources: the {@code ApiToken} schema and the {@code ApiToken} operations of the Management API description,
 * https://developer.okta.com/docs/guides/create-an-api-token/, and OKTA-WIRE.md "Authentication".
 */
package dev.switchboard.sandbox.tokens;
