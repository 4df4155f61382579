package dev.switchboard.sandbox.users;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Passwords as the sandbox keeps them: never in plaintext, only as salted PBKDF2-HMAC-SHA256 hashes
 * ({@code pbkdf2-sha256$iterations$salt$hash}, Base64), so that a password change can check the current password
 * and a {@code strict} update the recent ones, as Okta's password policy does (Okta keeps the last four by
 * default, "Enforce password history for last 4 passwords").
 */
public final class Passwords {
    /** How many of a user's latest passwords are kept (as hashes) for the history check. */
    public static final int HISTORY = 4;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /**
     * A new salted hash of a password.
     *
     * @param password the password
     * @return the encoded hash
     */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    /**
     * Whether a password is the one a hash was made from.
     *
     * @param password the candidate
     * @param encoded a hash from {@link #hash(String)}
     * @return true when it matches
     */
    public static boolean matches(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    }

    /**
     * Whether a password is one of the kept ones.
     *
     * @param password the candidate
     * @param hashes the kept hashes, newest first
     * @return true when any matches
     */
    public static boolean usedRecently(String password, List<String> hashes) {
        return hashes.stream().anyMatch(hash -> matches(password, hash));
    }

    /**
     * The kept hashes after a password change: the new one first, then the previous ones, at most {@link #HISTORY}.
     *
     * @param newHash the new password's hash
     * @param previous the kept hashes before, newest first
     * @return the new list
     */
    static List<String> remember(String newHash, List<String> previous) {
        List<String> hashes = new ArrayList<>(HISTORY);
        hashes.add(newHash);
        for (int i = 0; i < previous.size() && hashes.size() < HISTORY; i++) {
            hashes.add(previous.get(i));
        }
        return hashes;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
