/**
 * API tokens and the {@code Authorization: SSWS {token}} scheme that Okta's Management API accepts.
 *
 * <p>Sources: Okta's API token documentation (https://developer.okta.com/docs/guides/create-an-api-token/),
 * the {@code ApiToken} schema of the Management API description, and OKTA-WIRE.md "Authentication" for the
 * observed 401/403 answers.
 */
package dev.switchboard.sandbox.auth;
