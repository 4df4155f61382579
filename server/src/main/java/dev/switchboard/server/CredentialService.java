package dev.switchboard.server;

import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Workspace;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a connector's credentials, shared by the REST API and the studio: write-only (set or rotate, list
 * names with their last 4 characters and when, delete; never a value back), encrypted and audited by the workspace,
 * and the connector's engine rebound at once. Thread-safe.
 */
public final class CredentialService {
  private final Workspace workspace;
  private final WorkspaceChanges changed;

  CredentialService(Workspace workspace, WorkspaceChanges changed) {
    this.workspace = workspace;
    this.changed = changed;
  }

  /**
   * Lists a connector's credentials.
   *
   * @param connector the connector
   * @return names, last 4 characters and when; never values
   * @throws ApiProblem 404 for an unknown connector
   */
  public List<Credential> list(String connector) {
    return workspace.credentials().list(existing(connector));
  }

  /**
   * Sets or rotates a credential.
   *
   * @param actor who
   * @param connector the connector
   * @param name the credential's name (the secret its auth config names)
   * @param value the value, kept only encrypted
   * @return what is shown of it
   * @throws ApiProblem 404 for an unknown connector; the workspace's invalid for a bad name or an empty value
   */
  public Credential set(String actor, String connector, String name, String value) {
    Credential c = workspace.credentials().set(existing(connector), name, value, actor);
    changed.connector(connector, Optional.empty());
    return c;
  }

  /**
   * Deletes a credential.
   *
   * @param actor who
   * @param connector the connector
   * @param name the credential
   */
  public void delete(String actor, String connector, String name) {
    workspace.credentials().delete(existing(connector), name, actor);
    changed.connector(connector, Optional.empty());
  }

  private String existing(String connector) {
    if (workspace.documents().find(connector, Document.CONNECTOR_FILE).isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    return connector;
  }
}
