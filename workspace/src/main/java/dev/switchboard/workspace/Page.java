package dev.switchboard.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One page of a newest-first listing (runs, audit events).
 *
 * @param items the items, newest first
 * @param nextCursor pass it back to get the next (older) page; empty on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  /** The most items one page holds. */
  public static final int MAX_LIMIT = 500;

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** A position in a newest-first listing: the time and id of the last item given. */
  record Cursor(long at, String id) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString((at + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Cursor> decode(Optional<String> text) {
      if (text.isEmpty() || text.get().isBlank()) {
        return Optional.empty();
      }
      try {
        String given = text.get().strip();
        String plain = new String(Base64.getUrlDecoder().decode(given), StandardCharsets.UTF_8);
        int colon = plain.indexOf(':');
        Cursor c = new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        // Only a cursor exactly as encoded here: base64 decoding forgives trailing bits, so a cursor with a
        // character added or cut could otherwise decode to a neighbouring position and repeat or skip items.
        if (c.id().matches("[A-Za-z0-9_.-]+") && c.encode().equals(given)) {
          return Optional.of(c);
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        // told below
      }
      throw WorkspaceException.invalid("cursor", "the cursor is not one this server gave; pass the next_cursor of a"
          + " previous page unchanged, or leave it out to start from the newest");
    }
  }

  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw WorkspaceException.invalid("limit", "limit must be from 1 to " + MAX_LIMIT + "; got " + limit);
    }
    return limit;
  }
}
