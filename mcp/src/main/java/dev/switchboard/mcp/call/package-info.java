/**
 * Running a tool call: arguments to action inputs, confirmation of destructive tools, listings through the
 * output budget, and every outcome (result, preview, error) as a {@code CallToolResult} with structured content
 * and a text rendering.
 */
package dev.switchboard.mcp.call;
