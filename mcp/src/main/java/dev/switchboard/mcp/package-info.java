/**
 * Switchboard as a Model Context Protocol server: {@link dev.switchboard.mcp.SwitchboardMcpServer} serves the
 * catalog's actions as tools over stdio or Streamable HTTP, on the official MCP Java SDK 2.x
 * (io.modelcontextprotocol.sdk), speaking protocol revisions 2024-11-05 to 2025-11-25 as the SDK negotiates.
 */
package dev.switchboard.mcp;
