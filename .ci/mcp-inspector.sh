#!/usr/bin/env bash
# Runs the official MCP Inspector CLI against `switchboard mcp` (stdio, embedded Okta sandbox) as a client that
# shares no code with Switchboard: tools/list, then one tools/call, each checked. Needs cli/target/switchboard.jar
# (built by ./mvnw -B verify), Node.js 20 or newer with npx, and the npm registry.
#
# Pinned and verified together on Node 20.20 / npm 11.19:
#   @modelcontextprotocol/inspector 0.15.0 - the newest release that does not declare Node >= 22 (0.16.0 on do);
#   @modelcontextprotocol/sdk 1.32.2      - its client library (the inspector asks ^1.13.1), pinned so that a
#                                           later 1.x cannot change the client under this check.
set -euo pipefail
cd "$(dirname "$0")/.."

INSPECTOR=@modelcontextprotocol/inspector@0.15.0
CLIENT_SDK=@modelcontextprotocol/sdk@1.32.2
JAR=cli/target/switchboard.jar

fail() { echo "mcp-inspector: $*" >&2; exit 1; }
[ -f "$JAR" ] || fail "$JAR is missing; run ./mvnw -B verify first"
command -v npx >/dev/null || fail "npx is not installed (Node.js 20 or newer is needed)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is needed; this is $(node --version)"

npx_inspector() {
  timeout 300 npx --yes --package="$INSPECTOR" --package="$CLIENT_SDK" mcp-inspector "$@"
}

# Install once, with retries for a flaky network (a failure to install is not a failure of Switchboard, but
# CI cannot tell, so it still fails after three tries).
for attempt in 1 2 3; do
  if npx_inspector --help >/dev/null 2>&1; then break; fi
  [ "$attempt" -lt 3 ] || fail "cannot install $INSPECTOR with $CLIENT_SDK from the npm registry"
  echo "mcp-inspector: installing the inspector failed (attempt $attempt); retrying" >&2
  sleep $((attempt * 5))
done

# The server: the same command a user puts in an MCP client's configuration, with no org configured.
server=(env -u OKTA_ORG_URL -u OKTA_API_TOKEN java -jar "$JAR" mcp)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "mcp-inspector: $INSPECTOR --cli ${server[*]} --method tools/list"
npx_inspector --cli "${server[@]}" --method tools/list >"$out/list.json" 2>"$out/list.err" \
  || { cat "$out/list.err" >&2; fail "tools/list failed"; }
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const t = (r.tools || []).find(t => t.name === "okta_list_users");
  if (!t) throw new Error("okta_list_users is not among the tools: " + JSON.stringify((r.tools || []).map(t => t.name)));
  if (!t.inputSchema || !t.inputSchema.properties || !t.inputSchema.properties.next_cursor) throw new Error("no next_cursor input");
  if (!t.outputSchema || t.outputSchema.type !== "object") throw new Error("no output schema");
  if (!t.annotations || t.annotations.readOnlyHint !== true) throw new Error("okta_list_users is not annotated read-only");
  console.log("mcp-inspector: tools/list OK: " + r.tools.map(t => t.name).join(", "));
' "$out/list.json"

echo "mcp-inspector: $INSPECTOR --cli ${server[*]} --method tools/call --tool-name okta_list_users --tool-arg limit=3"
npx_inspector --cli "${server[@]}" --method tools/call --tool-name okta_list_users --tool-arg limit=3 \
  >"$out/call.json" 2>"$out/call.err" || { cat "$out/call.err" >&2; fail "tools/call failed"; }
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (r.isError) throw new Error("the call failed: " + JSON.stringify(r.content));
  const s = r.structuredContent || {};
  if (!Array.isArray(s.items) || s.items.length !== 3) throw new Error("expected 3 items, got " + JSON.stringify(s).slice(0, 300));
  if (s.truncated !== true || typeof s.next_cursor !== "string") throw new Error("expected truncated with a next_cursor");
  if (!r.content || !r.content[0] || !r.content[0].text.startsWith("3 items from okta.list_users")) throw new Error("no text rendering");
  console.log("mcp-inspector: tools/call OK: 3 users from the embedded sandbox, truncated, with a next_cursor");
' "$out/call.json"

# A failed call must reach the client as an isError result it can read (the TypeScript client checks structured
# content against the tool's output schema even then).
echo "mcp-inspector: $INSPECTOR --cli ${server[*]} --method tools/call --tool-name okta_get_user --tool-arg id=nobody@example.com"
npx_inspector --cli "${server[@]}" --method tools/call --tool-name okta_get_user --tool-arg id=nobody@example.com \
  >"$out/error.json" 2>"$out/error.err" || { cat "$out/error.err" >&2; fail "a failing tools/call did not reach the client as a result"; }
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!r.isError) throw new Error("expected isError for an unknown user: " + JSON.stringify(r));
  const e = (r.structuredContent || {}).error || {};
  if (e.category !== "not_found" || e.error_code !== "E0000007") throw new Error("unexpected error: " + JSON.stringify(e));
  console.log("mcp-inspector: failing tools/call OK: isError, not_found, E0000007");
' "$out/error.json"
