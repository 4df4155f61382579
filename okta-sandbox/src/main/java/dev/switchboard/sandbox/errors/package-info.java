/**
 * Okta's error model: the error codes the sandbox answers with and the exception that carries one to the
 * HTTP layer, which renders it as Okta's error body.
 *
 * <p>Source: Okta error codes, https://developer.okta.com/docs/reference/error-codes/, and the {@code Error}
 * schema of the Management API OpenAPI description.
 */
package dev.switchboard.sandbox.errors;
