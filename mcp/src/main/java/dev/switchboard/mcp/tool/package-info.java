/**
 * The catalog's actions as MCP tools: names under MCP's tool name rules, descriptors (title, description,
 * input and output schemas, annotations) and the per-server selection ({@code --tools GLOB}, {@code --read-only}).
 */
package dev.switchboard.mcp.tool;
