/**
 * The Streamable HTTP transport (MCP specification 2025-03-26 and later, "Transports"): the SDK's servlet
 * transport on Jetty 12, bound to loopback by default, behind a guard that checks {@code Host} and
 * {@code Origin} (DNS rebinding protection, as the specification requires) and a bearer API key.
 */
package dev.switchboard.mcp.http;
