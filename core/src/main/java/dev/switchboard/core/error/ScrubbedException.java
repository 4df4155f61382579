package dev.switchboard.core.error;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A copy of an exception kept as the cause of an {@link ActionError}, with its messages scrubbed of secrets: it
 * shows the original's class name, scrubbed message and stack trace, and its own causes and suppressed exceptions are
 * copies in turn. Made only when scrubbing changes a message somewhere in the chain, so a cause that holds no secret
 * keeps its type.
 */
public final class ScrubbedException extends Exception {
  private static final long serialVersionUID = 1L;
  /** The deepest cause chain copied; deeper causes are left out. */
  private static final int MAX_DEPTH = 32;

  private final String className;

  private ScrubbedException(String className, String message) {
    super(message);
    this.className = className;
  }

  /** Returns the class name of the exception this is a copy of. */
  public String className() {
    return className;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? className : className + ": " + message;
  }

  /**
   * Returns the exception as it may be kept: itself when no message in its chain changes under {@code scrub},
   * otherwise a scrubbed copy of the chain; an {@link ActionError} is scrubbed as one.
   *
   * @param cause the exception, may be null
   * @param scrub the scrubbing function
   * @return the exception to keep, null for null
   */
  static Throwable of(Throwable cause, UnaryOperator<String> scrub) {
    if (cause == null) {
      return null;
    }
    if (cause instanceof ActionError error) {
      return error.scrubbed(scrub);
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return holdsSecret(cause, scrub, seen, 0) ? copy(cause, scrub, 0) : cause;
  }

  private static boolean holdsSecret(Throwable t, UnaryOperator<String> scrub, Set<Throwable> seen, int depth) {
    if (t == null || depth > MAX_DEPTH || !seen.add(t)) {
      return false;
    }
    String message = t.getMessage();
    if (message != null && !message.equals(scrub.apply(message))) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (holdsSecret(s, scrub, seen, depth + 1)) {
        return true;
      }
    }
    return holdsSecret(t.getCause(), scrub, seen, depth + 1);
  }

  private static Throwable copy(Throwable t, UnaryOperator<String> scrub, int depth) {
    if (t instanceof ActionError error) {
      return error.scrubbed(scrub);
    }
    ScrubbedException copy = new ScrubbedException(t instanceof ScrubbedException s ? s.className : t.getClass().getName(),
        t.getMessage() == null ? null : scrub.apply(t.getMessage()));
    copy.setStackTrace(t.getStackTrace());
    if (depth < MAX_DEPTH) {
      Throwable cause = t.getCause();
      if (cause != null && cause != t) {
        copy.initCause(copy(cause, scrub, depth + 1));
      }
      for (Throwable s : t.getSuppressed()) {
        copy.addSuppressed(copy(s, scrub, depth + 1));
      }
    }
    return copy;
  }
}
