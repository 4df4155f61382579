/**
 * JSON for the MCP Java SDK: the Jackson 2 mapper every server and client of this module uses, and a JSON
 * Schema validator on the same library and version as {@code core} (networknt json-schema-validator 1.5.x,
 * draft 2020-12), which replaces the SDK's default (that one needs json-schema-validator 2.x).
 */
package dev.switchboard.mcp.json;
