package dev.switchboard.sandbox.users;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code credentials} a create or update request sets, read from its body as Okta's {@code UserCredentials}:
 * {@code password.value} (at least {@value #MIN_PASSWORD_LENGTH} characters, the sandbox's whole password policy),
 * or {@code password.hash} (an imported hash, which the sandbox accepts but cannot check), and
 * {@code recovery_question{question, answer}} (an answer of at least 4 characters; the answer is never kept).
 *
 * @param password the new password in plaintext, when {@code password.value} was given; to be hashed at once
 * @param imported whether a password was given as an imported hash instead
 * @param recoveryQuestion the new recovery question, if any
 */
record RequestedCredentials(Optional<String> password, boolean imported, Optional<String> recoveryQuestion) {
    /** The shortest password the sandbox accepts (Okta's default password policy: at least 8 characters). */
    static final int MIN_PASSWORD_LENGTH = 8;

    /** No credentials. */
    static final RequestedCredentials NONE = new RequestedCredentials(Optional.empty(), false, Optional.empty());

    /**
     * Whether the request sets a password, by value or by hash.
     *
     * @return true when it does
     */
    boolean setsPassword() {
        return password.isPresent() || imported;
    }

    @Override
    public String toString() {
        return "RequestedCredentials[password=" + (password.isPresent() ? "(hidden)" : "none") + ", imported="
                + imported + ", recoveryQuestion=" + recoveryQuestion.isPresent() + "]";
    }

    /**
     * Reads the {@code credentials} of a request body.
     *
     * @param body the request body
     * @return what it sets; {@link #NONE} without {@code credentials}
     * @throws OktaException 400 E0000001 naming what is wrong
     */
    static RequestedCredentials of(Map<String, Object> body) {
        Optional<Map<String, Object>> credentials = object(body, "credentials");
        if (credentials.isEmpty()) {
            return NONE;
        }
        Optional<String> password = Optional.empty();
        boolean imported = false;
        Optional<Map<String, Object>> passwordObject = object(credentials.get(), "password");
        if (passwordObject.isPresent()) {
            Object value = passwordObject.get().get("value");
            if (value != null) {
                password = Optional.of(checkedPassword(value, "password"));
            } else if (passwordObject.get().get("hash") instanceof Map) {
                imported = true;
            }
        }
        Optional<String> question = Optional.empty();
        Optional<Map<String, Object>> recovery = object(credentials.get(), "recovery_question");
        if (recovery.isPresent()) {
            if (!(recovery.get().get("question") instanceof String text) || text.isBlank()
                    || !(recovery.get().get("answer") instanceof String answer) || answer.strip().length() < 4) {
                throw OktaException.withCauses(ErrorCode.E0000001, "recovery_question", List.of(
                        "recovery_question: a question and an answer of at least 4 characters are required"));
            }
            question = Optional.of(text);
        }
        return new RequestedCredentials(password, imported, question);
    }

    /**
     * A password value that meets the sandbox's policy.
     *
     * @param value the JSON value given
     * @param field the field's name for the error, e.g. {@code newPassword}
     * @return the password
     * @throws OktaException 400 E0000001 when it is not a string of at least {@value #MIN_PASSWORD_LENGTH} characters
     */
    static String checkedPassword(Object value, String field) {
        if (!(value instanceof String text) || text.length() < MIN_PASSWORD_LENGTH) {
            throw OktaException.withCauses(ErrorCode.E0000001, field, List.of(field
                    + ": Password requirements were not met. Password requirements: at least " + MIN_PASSWORD_LENGTH
                    + " characters."));
        }
        return text;
    }

    /**
     * A member of a JSON object that must itself be an object, if present.
     *
     * @param body the object
     * @param name the member's name
     * @return the member, or empty when absent or null
     * @throws OktaException 400 E0000001 when it is not an object
     */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> object(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            throw OktaException.withCauses(ErrorCode.E0000001, name, List.of(name + ": must be a JSON object"));
        }
        return Optional.of((Map<String, Object>) value);
    }
}
