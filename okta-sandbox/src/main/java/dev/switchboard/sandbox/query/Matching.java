package dev.switchboard.sandbox.query;

/**
 * How string values are compared. Okta's users {@code filter} compares exactly; {@code search} ignores case
 * in values (but not in property names) and keeps diacritical marks significant.
 *
 * <p>Source: the {@code search} and {@code filter} parameters of {@code listUsers} in the Management API
 * description.
 */
public enum Matching {
    /** Values must match exactly, case included. */
    CASE_SENSITIVE,
    /** Values match regardless of case ({@link java.util.Locale#ROOT} folding); accents still count. */
    CASE_INSENSITIVE
}
