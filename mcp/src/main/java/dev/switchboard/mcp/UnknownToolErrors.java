package dev.switchboard.mcp;

import dev.switchboard.mcp.tool.ToolCatalog;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.function.Function;

/**
 * The server's JSON mapper, which makes the SDK's answer to a call of an unknown tool say what to call instead.
 * The SDK answers {@code tools/call} of a name it does not serve with the error {@code -32602} and the fixed
 * message {@code "Unknown tool: invalid_tool_name"} (the MCP specification's example, copied), with
 * {@code "Tool not found: <name>"} as its data, and offers no hook before it. Every message a transport sends is
 * written by this mapper, so that error is rewritten here, for stdio and Streamable HTTP alike, into
 * {@link ToolCatalog#unknown}'s message ({@code Unknown tool 'okta_list_user'; did you mean 'okta_list_users'? ...}),
 * keeping its code, id and data (or, for {@code switchboard serve}'s {@code /mcp}, into what an access key's server
 * says). Everything else passes to the wrapped mapper unchanged.
 */
public final class UnknownToolErrors implements McpJsonMapper {
  /** How the SDK (2.x, {@code McpAsyncServer}) starts the data of its unknown-tool error. */
  static final String SDK_DATA_PREFIX = "Tool not found: ";

  private final McpJsonMapper delegate;
  private final Function<String, String> explain;

  UnknownToolErrors(McpJsonMapper delegate, ToolCatalog tools) {
    this(delegate, tools::unknown);
  }

  /**
   * Wraps a mapper.
   *
   * @param delegate the mapper that writes and reads every message
   * @param explain given the name a client called, the message to answer instead of the SDK's (one or two sentences
   *     naming what to call instead)
   */
  public UnknownToolErrors(McpJsonMapper delegate, Function<String, String> explain) {
    this.delegate = delegate;
    this.explain = explain;
  }

  @Override
  public <T> T readValue(String content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, Class<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(String content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
    return delegate.readValue(content, type);
  }

  @Override
  public <T> T convertValue(Object value, Class<T> type) {
    return delegate.convertValue(value, type);
  }

  @Override
  public <T> T convertValue(Object value, TypeRef<T> type) {
    return delegate.convertValue(value, type);
  }

  @Override
  public String writeValueAsString(Object value) throws IOException {
    return delegate.writeValueAsString(explained(value));
  }

  @Override
  public byte[] writeValueAsBytes(Object value) throws IOException {
    return delegate.writeValueAsBytes(explained(value));
  }

  /** Returns the message with the unknown-tool error explained, or the message itself. */
  Object explained(Object value) {
    if (value instanceof McpSchema.JSONRPCResponse response && response.error() != null
        && Integer.valueOf(McpSchema.ErrorCodes.INVALID_PARAMS).equals(response.error().code())
        && response.error().data() instanceof String data && data.startsWith(SDK_DATA_PREFIX)) {
      String name = data.substring(SDK_DATA_PREFIX.length());
      return new McpSchema.JSONRPCResponse(response.jsonrpc(), response.id(), null,
          new McpSchema.JSONRPCResponse.JSONRPCError(response.error().code(), explain.apply(name), data));
    }
    return value;
  }
}
