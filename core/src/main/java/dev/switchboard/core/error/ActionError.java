package dev.switchboard.core.error;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A failed action call, typed: the category to branch on, the HTTP status when a response arrived, and the
 * service's own error fields (Okta's {@code errorCode}, {@code errorSummary}, {@code errorCauses}; see
 * https://developer.okta.com/docs/reference/error-codes/) and request id.
 *
 * <p>The message is written for a person: what failed, why, and what to do. It never contains a secret
 * (the engine scrubs every registered secret before throwing).
 */
public final class ActionError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCategory category;
  private final String action;
  private final int status;
  private final String errorCode;
  private final String errorSummary;
  private final transient List<String> errorCauses;
  private final String requestId;
  private final String field;
  private final boolean outcomeUnknown;

  private ActionError(Builder b) {
    super(b.message, b.cause);
    this.category = b.category;
    this.action = b.action;
    this.status = b.status;
    this.errorCode = b.errorCode;
    this.errorSummary = b.errorSummary;
    this.errorCauses = List.copyOf(b.errorCauses);
    this.requestId = b.requestId;
    this.field = b.field;
    this.outcomeUnknown = b.outcomeUnknown;
  }

  /**
   * Starts an error.
   *
   * @param category what kind of failure
   * @param action the action reference, such as {@code okta.list_users}
   * @param message the person-readable message
   * @return a builder
   */
  public static Builder builder(ErrorCategory category, String action, String message) {
    return new Builder(category, action, message);
  }

  /** Returns what kind of failure this is. */
  public ErrorCategory category() {
    return category;
  }

  /** Returns the action reference, such as {@code okta.list_users}. */
  public String action() {
    return action;
  }

  /** Returns the HTTP status, or 0 when no response arrived (or the call failed before sending). */
  public int status() {
    return status;
  }

  /** Returns the service's error code, such as Okta's {@code E0000011}. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** Returns the service's error summary, such as {@code Invalid token provided}. */
  public Optional<String> errorSummary() {
    return Optional.ofNullable(errorSummary);
  }

  /** Returns the service's error causes (Okta's {@code errorCauses[].errorSummary}), empty when none. */
  public List<String> errorCauses() {
    return errorCauses;
  }

  /** Returns the service's request id (Okta's {@code X-Okta-Request-Id}), for support tickets. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Returns the input the error is about, for validation errors caught before sending. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /**
   * Tells whether the call may have taken effect although it failed: a call that is not idempotent (such as a
   * POST creating a user) whose exchange broke after the request may have reached the service, or that the service
   * or a gateway answered in a way that leaves its effect open (a 2xx with an unusable body, a 500, 502 or 504). Such
   * a call is never {@link #retryable()}: check its effect first (read the resource back), as a retry could do it
   * twice.
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /**
   * Tells whether a retry of the same call could succeed (rate limits, upstream failures, network, timeouts), and
   * would be safe: never when the {@linkplain #outcomeUnknown() outcome is unknown}.
   */
  public boolean retryable() {
    if (outcomeUnknown) {
      return false;
    }
    return switch (category) {
      case RATE_LIMITED, UPSTREAM, NETWORK, TIMEOUT -> true;
      default -> false;
    };
  }

  /**
   * Returns a copy whose message, every text field (the service's code, summary, causes and request id, which a
   * server can fill with anything, and the field) and the exceptions it keeps for debugging pass through a scrubbing
   * function (used to remove secrets). A cause whose messages change is replaced by a {@link ScrubbedException} with
   * the same class name, scrubbed message and stack trace; one that holds nothing to scrub is kept as it is.
   *
   * @param scrub the function applied to every text (given null, it must return null)
   * @return the copy
   */
  public ActionError scrubbed(UnaryOperator<String> scrub) {
    Builder b = new Builder(category, action, scrub.apply(getMessage()));
    b.status = status;
    b.errorCode = scrub.apply(errorCode);
    b.errorSummary = scrub.apply(errorSummary);
    b.errorCauses = errorCauses.stream().map(scrub).toList();
    b.requestId = scrub.apply(requestId);
    b.field = scrub.apply(field);
    b.cause = ScrubbedException.of(getCause(), scrub);
    b.outcomeUnknown = outcomeUnknown;
    ActionError copy = new ActionError(b);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /**
   * Returns a copy that says its outcome is unknown: the explanation (what to check before retrying) is added to the
   * message, and the copy is not {@link #retryable()}.
   *
   * @param explanation one or more sentences for the message, such as what to check
   * @return the copy, with the same cause and stack trace
   */
  public ActionError withOutcomeUnknown(String explanation) {
    Builder b = new Builder(category, action, getMessage() + " " + explanation);
    b.status = status;
    b.errorCode = errorCode;
    b.errorSummary = errorSummary;
    b.errorCauses = errorCauses;
    b.requestId = requestId;
    b.field = field;
    b.cause = getCause();
    b.outcomeUnknown = true;
    ActionError copy = new ActionError(b);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /** Builds an {@link ActionError}. */
  public static final class Builder {
    private final ErrorCategory category;
    private final String action;
    private final String message;
    private int status;
    private String errorCode;
    private String errorSummary;
    private List<String> errorCauses = List.of();
    private String requestId;
    private String field;
    private boolean outcomeUnknown;
    private Throwable cause;

    private Builder(ErrorCategory category, String action, String message) {
      this.category = category;
      this.action = action;
      this.message = message;
    }

    /** Sets the HTTP status. @param value the status @return this builder */
    public Builder status(int value) {
      this.status = value;
      return this;
    }

    /** Sets the service's error code and summary. @param code the code @param summary the summary @return this builder */
    public Builder upstream(String code, String summary) {
      this.errorCode = code;
      this.errorSummary = summary;
      return this;
    }

    /** Sets the service's error causes. @param causes the causes' summaries @return this builder */
    public Builder causes(List<String> causes) {
      this.errorCauses = List.copyOf(causes);
      return this;
    }

    /** Sets the service's request id. @param value the id, may be null @return this builder */
    public Builder requestId(String value) {
      this.requestId = value;
      return this;
    }

    /** Sets the input the error is about. @param value the input's name @return this builder */
    public Builder field(String value) {
      this.field = value;
      return this;
    }

    /**
     * Says whether the call may have taken effect although it failed (see {@link ActionError#outcomeUnknown()}).
     *
     * @param value true when the outcome is unknown
     * @return this builder
     */
    public Builder outcomeUnknown(boolean value) {
      this.outcomeUnknown = value;
      return this;
    }

    /** Sets the underlying exception (kept for debugging; never shown to users). @param value the cause @return this builder */
    public Builder cause(Throwable value) {
      this.cause = value;
      return this;
    }

    /** Builds the error. @return the error */
    public ActionError build() {
      return new ActionError(this);
    }
  }
}
