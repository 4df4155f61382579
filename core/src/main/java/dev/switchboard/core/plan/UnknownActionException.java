package dev.switchboard.core.plan;

/** A reference to an action that no loaded connector defines; the message suggests the closest one. */
public final class UnknownActionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked for and what exists
   */
  public UnknownActionException(String message) {
    super(message);
  }
}
