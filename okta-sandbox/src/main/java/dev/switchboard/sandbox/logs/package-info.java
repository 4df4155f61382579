/**
 * The System Log: every change made through the API records a {@code LogEvent} with Okta's event type, and
 * {@code GET /api/v1/logs} serves them with bounded and polling semantics.
 *
 * <p>Sources: the {@code LogEvent} schema and {@code listLogEvents} operation of the Management API description,
 * https://developer.okta.com/docs/reference/api/system-log/, https://developer.okta.com/docs/reference/api/event-types/,
 * and OKTA-WIRE.md "Groups and System Log".
 */
package dev.switchboard.sandbox.logs;
