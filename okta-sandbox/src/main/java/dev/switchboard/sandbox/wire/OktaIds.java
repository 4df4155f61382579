package dev.switchboard.sandbox.wire;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Okta-shaped identifiers: a three-character type prefix followed by 17 alphanumerics, 20 characters in all
 * (users {@code 00u...}, API tokens {@code 00T...}, user types {@code oty...}), and error ids {@code oae...}.
 *
 * <p>Source: ids in the examples of the Management API OpenAPI description, e.g. {@code 00u1xke1apZnmHgpB1d7}.
 */
public final class OktaIds {
    /** Prefix of user ids. */
    public static final String USER = "00u";
    /** Prefix of API token ids. */
    public static final String API_TOKEN = "00T";
    /** Prefix of group ids. */
    public static final String GROUP = "00g";
    /** Prefix of OAuth 2.0 client (app) ids. */
    public static final String CLIENT = "0oa";
    /** Prefix of user type ids. */
    public static final String USER_TYPE = "oty";

    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ID_SUFFIX_LENGTH = 17;

    private OktaIds() {
    }

    /**
     * A new id with the given prefix, drawn from {@code random}, so the same random sequence gives the same ids.
     *
     * @param prefix the type prefix, e.g. {@link #USER}
     * @param random the source of randomness; the caller keeps it confined or synchronized
     * @return {@code prefix} followed by 17 characters from {@code [0-9A-Za-z]}
     */
    public static String next(String prefix, Random random) {
        return prefix + alphanumerics(random, ID_SUFFIX_LENGTH);
    }

    /**
     * A new {@code errorId}, random and not reproducible, like Okta's {@code oaeJ5tZqvB0SFuJAxZqTFoRQ}.
     *
     * @return {@code oae} followed by 22 alphanumerics
     */
    public static String errorId() {
        return "oae" + alphanumerics(ThreadLocalRandom.current(), 22);
    }

    /**
     * A new value for the {@code X-Okta-Request-Id} response header: random, 27 characters.
     *
     * @return 27 alphanumerics
     */
    public static String requestId() {
        return alphanumerics(ThreadLocalRandom.current(), 27);
    }

    /**
     * A string of alphanumerics drawn from {@code random}.
     *
     * @param random the source of randomness
     * @param length how many characters
     * @return {@code length} characters from {@code [0-9A-Za-z]}
     */
    public static String alphanumerics(Random random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
        }
        return new String(chars);
    }
}
