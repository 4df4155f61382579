package dev.switchboard.studio;

import dev.switchboard.workspace.AccessKey;

/**
 * A signed-in request of the studio: whose session it is and the CSRF token its forms carry.
 *
 * @param key the admin key the session belongs to
 * @param csrf the session's CSRF token (derived from the session token; safe to put in pages)
 */
record Visit(AccessKey key, String csrf) {
  /** {@return the name recorded as the actor of changes: the key's name} */
  String actor() {
    return key.name();
  }
}
