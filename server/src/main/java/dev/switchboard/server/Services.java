package dev.switchboard.server;

/**
 * The server's service layer: the one set of rules every way into the workspace goes through (the REST API under
 * {@code /api/} and the studio's pages), so that validation, versions, conflicts, runs and audit events are the same
 * whichever way a change comes in. Callers authenticate and check roles themselves.
 *
 * @param connectors connectors, actions, settings, versions, validation
 * @param credentials write-only credentials
 * @param tests tests of saved and unsaved actions, recorded as runs
 * @param history runs and audit events
 * @param keys access keys and the tools each sees over MCP
 */
public record Services(ConnectorService connectors, CredentialService credentials, TestService tests, HistoryService history,
    KeyService keys) {}
