package dev.switchboard.core.paging;

/**
 * A response names a next page that cannot be requested: a next link that is not a valid URL (an unencoded space
 * or {@code |} in a cursor), a Link header that names a next page but cannot be read, or a cursor that the place it
 * goes cannot carry. The listing is incomplete, so the engine reports it as an error instead of ending quietly.
 */
public final class UnusableNextPageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String next;

  /**
   * @param next the next link or cursor as the server sent it (may hold a secret: scrub before showing)
   * @param reason why it cannot be requested, such as {@code Illegal character in query at index 52}
   */
  public UnusableNextPageException(String next, String reason) {
    super(reason);
    this.next = next;
  }

  /** Returns the next link or cursor as the server sent it (may hold a secret: scrub before showing). */
  public String next() {
    return next;
  }
}
