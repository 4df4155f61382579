/**
 * OAuth 2.0 for Okta's Management API: service apps authenticating with {@code private_key_jwt}, the
 * {@code client_credentials} grant at {@code /oauth2/v1/token}, and Bearer access tokens limited to their scopes.
 *
 * <p>Source: https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/.
 */
package dev.switchboard.sandbox.oauth;
