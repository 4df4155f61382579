package dev.switchboard.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The 32-byte key credentials are encrypted under (AES-256-GCM): from {@value #VARIABLE} (base64 or 64 hex
 * digits), or from a key file only its owner can read (0600), created with a random key when missing. The same
 * variable and file as the CLI's encrypted secret store ({@code $SWITCHBOARD_HOME/master.key}). A key file that
 * others can read is refused, as ssh refuses such keys. {@link #toString()} never shows the key.
 */
public final class MasterKey {
  /** The environment variable that may hold the key: {@value}. */
  public static final String VARIABLE = "SWITCHBOARD_MASTER_KEY";

  private final byte[] key;
  private final String origin;

  private MasterKey(byte[] key, String origin) {
    this.key = key.clone();
    this.origin = origin;
  }

  /**
   * Loads the key from the environment, else from the key file (creating it when missing).
   *
   * @param environment where {@value #VARIABLE} may be set
   * @param keyFile the key file, such as {@code ~/.switchboard/master.key}
   * @param random the source of a new key
   * @return the key
   * @throws WorkspaceException (invalid, field {@code master_key}) when the key is malformed or the file is readable
   *     by others or cannot be read or written
   */
  public static MasterKey load(Map<String, String> environment, Path keyFile, SecureRandom random) {
    String fromEnv = environment.get(VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new MasterKey(decode(fromEnv.strip(), VARIABLE), VARIABLE);
    }
    try {
      if (!Files.exists(keyFile)) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".key", ".tmp");
        try {
          if (isPosix()) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
          }
          Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n");
          try {
            Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
          } catch (java.nio.file.FileAlreadyExistsException raced) {
            return load(environment, keyFile, random);
          }
        } finally {
          Files.deleteIfExists(temp);
        }
        return new MasterKey(key, "the key file " + keyFile);
      }
      if (isPosix()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)
            .containsAll(permissions)) {
          throw WorkspaceException.invalid("master_key", "the key file " + keyFile + " can be read by others ("
              + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + keyFile);
        }
      }
      return new MasterKey(decode(Files.readString(keyFile).strip(), "the key file " + keyFile), "the key file " + keyFile);
    } catch (IOException e) {
      throw WorkspaceException.invalid("master_key", "cannot use the key file " + keyFile + ": " + e.getMessage());
    }
  }

  /**
   * Wraps key bytes (for tests).
   *
   * @param key 32 bytes
   * @return the key
   * @throws IllegalArgumentException when it is not 32 bytes
   */
  public static MasterKey of(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a master key is 32 bytes; got " + key.length);
    }
    return new MasterKey(key, "the given key");
  }

  byte[] bytes() {
    return key.clone();
  }

  /** {@return where the key came from, for messages} */
  public String origin() {
    return origin;
  }

  /** {@return a short fingerprint of the key (16 hex digits of its SHA-256), stored beside each ciphertext} */
  public String id() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("switchboard master key:" + Base64.getEncoder()
          .encodeToString(key)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[" + origin + "]";
  }

  private static byte[] decode(String text, String origin) {
    byte[] key;
    try {
      key = text.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw WorkspaceException.invalid("master_key", "the master key from " + origin + " must be 32 bytes, in base64 (44"
          + " characters) or hex (64 digits); make one with: openssl rand -base64 32");
    }
    return key;
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
