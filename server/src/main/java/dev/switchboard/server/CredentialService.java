package dev.switchboard.server;

import dev.switchboard.workspace.Credential;
import dev.switchboard.workspace.Document;
import dev.switchboard.workspace.Workspace;
import dev.switchboard.core.definition.SecretVariables;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a connector's credentials, shared by the REST API and the studio: write-only (set or rotate, list
 * names with their last 4 characters and when, delete; never a value back), encrypted and audited by the workspace,
 * and the connector's engine rebound at once. Thread-safe.
 */
public final class CredentialService {
  private final Workspace workspace;
  private final WorkspaceRuntime runtime;
  private final WorkspaceChanges changed;

  CredentialService(Workspace workspace, WorkspaceRuntime runtime, WorkspaceChanges changed) {
    this.workspace = workspace;
    this.runtime = runtime;
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
   * @throws ApiProblem 404 for an unknown connector; 400 (field {@code name}) for a name the connector's auth config
   *     does not read, when its definition loads; the workspace's invalid for a bad name or an empty value
   */
  public Credential set(String actor, String connector, String name, String value) {
    existing(connector);
    read(connector).ifPresent(reads -> {
      if (reads.isEmpty()) {
        throw ApiProblem.badRequest("name", "connector '" + connector + "' reads no credential (its auth config is type:"
            + " none); give it an auth config that names a secret first, then set that secret");
      }
      if (!reads.get().equals(name)) {
        throw ApiProblem.badRequest("name", "connector '" + connector + "' does not read a credential named '" + shown(name) + "'"
            + "; its auth config reads '" + reads.get() + "': PUT /api/connectors/" + connector + "/credentials/" + reads.get());
      }
    });
    Credential c = workspace.credentials().set(connector, name, value, actor);
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

  /**
   * The secret the connector's saved auth config reads (empty inside when it reads none); empty when its definition
   * does not load, in which case any name is taken (the definition may be on its way to naming it).
   */
  private Optional<Optional<String>> read(String connector) {
    try {
      return Optional.of(SecretVariables.secretOf(runtime.check(connector, workspace.documents().files(connector), Map.of())
          .definition().auth()));
    } catch (ApiProblem invalid) {
      return Optional.empty();
    }
  }

  /** A name as given, cut to 64 characters, anything but letters, digits, '_', '.' and '-' shown as '?'. */
  private static String shown(String name) {
    String v = name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return v.replaceAll("[^A-Za-z0-9_.-]", "?");
  }

  private String existing(String connector) {
    if (workspace.documents().find(connector, Document.CONNECTOR_FILE).isEmpty()) {
      throw ApiProblem.notFound("connector '" + connector + "' does not exist");
    }
    return connector;
  }
}
