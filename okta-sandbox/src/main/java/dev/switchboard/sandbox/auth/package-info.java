/**
 * Who a Management API request acts for: the {@code Authorization} header ({@code SSWS} API tokens and OAuth 2.0
 * {@code Bearer} access tokens), the resulting principal, and the OAuth scopes each endpoint requires.
 *
 * <p>Sources: Okta's API token documentation (https://developer.okta.com/docs/guides/create-an-api-token/), the
 * OAuth for Okta guide (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/), the
 * {@code security} requirements of the Management API description, and OKTA-WIRE.md "Authentication" for the
 * observed 401/403 answers.
 */
package dev.switchboard.sandbox.auth;
