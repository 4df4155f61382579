package dev.switchboard.workspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An access key as stored: never the key itself, only its SHA-256 and its first characters to recognise it.
 *
 * @param id the key's id
 * @param name its name, unique, such as {@code admin} or {@code claude-desktop}; what audit events and runs show
 * @param prefix the key's first 8 characters after {@code sbk_}, such as {@code sbk_Ab12Cd34}
 * @param role what it may do
 * @param tools for an agent key, the tool globs it may call (such as {@code okta_list_*}); empty for all
 * @param readOnly for an agent key, whether only read-only tools are offered
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedAt when it was revoked, if it was
 */
public record AccessKey(String id, String name, String prefix, Role role, List<String> tools, boolean readOnly,
    String createdBy, Instant createdAt, Optional<Instant> revokedAt) {
  /** Copies the globs. */
  public AccessKey {
    tools = List.copyOf(tools);
  }

  /**
   * A key just created, with its value, which is shown once and never stored.
   *
   * @param key the stored key
   * @param secret the key's value, {@code sbk_} and 43 base64url characters
   */
  public record Created(AccessKey key, String secret) {
    @Override
    public String toString() {
      return "Created[" + key + ", secret=redacted]";
    }
  }
}
