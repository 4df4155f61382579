package dev.switchboard.server;

import dev.switchboard.workspace.AccessKey;
import dev.switchboard.workspace.Role;
import dev.switchboard.workspace.Workspace;
import dev.switchboard.workspace.WorkspaceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a new workspace is given on its first start: an admin key (generated and shown once, or taken from
 * {@value #ADMIN_KEY_VARIABLE}) and an Okta connector made from the built-in pack with no org URL or credential, so
 * that it is bound to the embedded Okta sandbox until an org is configured. Safe when several instances start on one
 * new database at once: one of them does it.
 */
public final class FirstStart {
  /** The environment variable that may hold the first admin key: {@value}. */
  public static final String ADMIN_KEY_VARIABLE = "SWITCHBOARD_ADMIN_KEY";
  /** The name of the first admin key. */
  public static final String ADMIN = "admin";
  /** The connector a new workspace holds. */
  public static final String DEFAULT_CONNECTOR = "okta";

  private FirstStart() {}

  /**
   * What the first start did.
   *
   * @param generatedKey the admin key generated now, to print once; empty when it came from the environment or the
   *     workspace had keys already
   * @param seeded whether the default connector was created now
   */
  public record Outcome(Optional<String> generatedKey, boolean seeded) {
    @Override
    public String toString() {
      return "Outcome[generatedKey=" + (generatedKey.isPresent() ? "redacted" : "none") + ", seeded=" + seeded + "]";
    }
  }

  /**
   * Prepares a workspace for serving.
   *
   * @param workspace the workspace
   * @param environment where {@value #ADMIN_KEY_VARIABLE} may be set
   * @return what was done
   * @throws WorkspaceException (invalid, field {@code key}) when {@value #ADMIN_KEY_VARIABLE} is too short
   */
  public static Outcome prepare(Workspace workspace, Map<String, String> environment) {
    Optional<String> generated = Optional.empty();
    String chosen = environment.get(ADMIN_KEY_VARIABLE);
    try {
      if (chosen != null && !chosen.isBlank()) {
        if (workspace.keys().authenticate(chosen.strip()).isEmpty()) {
          String name = workspace.keys().count() == 0 ? ADMIN : ADMIN + "-" + ADMIN_KEY_VARIABLE.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
          workspace.keys().adopt(name, chosen, Role.ADMIN, "system");
        }
      } else if (workspace.keys().count() == 0) {
        AccessKey.Created created = workspace.keys().create(ADMIN, Role.ADMIN, List.of(), false, "system");
        generated = Optional.of(created.secret());
      }
    } catch (WorkspaceException e) {
      if (e.kind() != WorkspaceException.Kind.CONFLICT) {
        throw e;
      }
      // another instance created the first key at the same moment; it printed it
    }
    boolean seeded = false;
    if (workspace.recordFactOnce("initialized_at", workspace.clock().instant().toString())
        && workspace.documents().connectors().isEmpty()) {
      Optional<Map<String, String>> okta = Packs.files(DEFAULT_CONNECTOR, DEFAULT_CONNECTOR);
      if (okta.isPresent()) {
        workspace.documents().create(DEFAULT_CONNECTOR, okta.get(), "system");
        seeded = true;
      }
    }
    return new Outcome(generated, seeded);
  }
}
