package dev.switchboard.server;

import java.util.Optional;

/** What a route that changed the workspace reports, so that the server reloads only what changed. */
interface WorkspaceChanges {
  /**
   * One connector's files, settings or credentials changed, or it was created or deleted.
   *
   * @param connector the connector
   * @param checked the connector's files as the route checked them before saving, with their definition; the
   *     definition is used as it is when those files are what the workspace holds now
   */
  void connector(String connector, Optional<DefinitionCheck.Checked> checked);

  /** Any connector may have changed (an import). */
  void all();
}
