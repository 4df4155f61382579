/**
 * The HTTP server: Javalin on Jetty, bound to loopback, with the steps every request goes through before its
 * endpoint (request id, rate limit, SSWS authentication on {@code /api/v1}) and the one place that renders
 * errors in Okta's shape.
 */
package dev.switchboard.sandbox.server;
