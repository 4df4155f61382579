package dev.switchboard.workspace;

import java.time.Instant;

/**
 * A save based on a version that is no longer the current one: someone saved in between. The message names who
 * and when, so the person can look at their change before saving again on top of it.
 */
public final class EditConflictException extends WorkspaceException {
  private static final long serialVersionUID = 1L;
  private final int baseVersion;
  private final int currentVersion;
  private final String savedBy;
  private final transient Instant savedAt;

  /**
   * Creates the exception.
   *
   * @param what the file, such as {@code okta/actions/list_users.yaml}
   * @param baseVersion the version the save was based on (0 for a new file)
   * @param currentVersion the current version (0 when the file was deleted)
   * @param savedBy who saved the current version
   * @param savedAt when
   */
  public EditConflictException(String what, int baseVersion, int currentVersion, String savedBy, Instant savedAt) {
    super(Kind.CONFLICT, "base_version", what + " was saved by " + savedBy + " at " + savedAt + " (version "
        + currentVersion + ") after the version " + baseVersion + " this save was based on; load version "
        + currentVersion + ", apply your change to it and save again with base_version " + currentVersion);
    this.baseVersion = baseVersion;
    this.currentVersion = currentVersion;
    this.savedBy = savedBy;
    this.savedAt = savedAt;
  }

  /** {@return the version the save was based on} */
  public int baseVersion() {
    return baseVersion;
  }

  /** {@return the version saved in between, now current} */
  public int currentVersion() {
    return currentVersion;
  }

  /** {@return who saved it} */
  public String savedBy() {
    return savedBy;
  }

  /** {@return when it was saved} */
  public Instant savedAt() {
    return savedAt;
  }
}
