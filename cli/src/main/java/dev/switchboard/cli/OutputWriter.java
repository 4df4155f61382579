package dev.switchboard.cli;

import dev.switchboard.core.run.ActionResult;

/** Writes an action's output page by page, as pages arrive, so a long listing streams. */
interface OutputWriter {
  /**
   * Writes one page's output.
   *
   * @param page the page
   */
  void page(ActionResult page);

  /** Ends the output (closes a JSON array, for instance). */
  void finish();
}
