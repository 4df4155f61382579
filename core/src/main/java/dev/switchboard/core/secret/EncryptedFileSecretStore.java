package dev.switchboard.core.secret;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets kept in a file, each value encrypted with AES-256-GCM (NIST SP 800-38D) under a master key, with
 * a fresh random 96-bit nonce per value and the secret's name as additional authenticated data, so a value
 * cannot be moved to another name undetected.
 *
 * <p>File format (JSON): {@code {"version":1,"secrets":{"NAME":{"nonce":base64,"ciphertext":base64}}}}.
 * Writes go to a temporary file in the same directory, then an atomic rename, so a crash never leaves a
 * half-written store; the file is created readable by its owner only (0600).
 *
 * <p>The master key is 32 bytes, given in {@code SWITCHBOARD_MASTER_KEY} (base64 or 64 hex digits), or read
 * from a key file that only its owner can read (0600; created on first write when absent). A key file readable
 * by others is refused, as ssh refuses such keys.
 */
public final class EncryptedFileSecretStore implements SecretStore {
  /** The environment variable that may hold the master key. */
  public static final String MASTER_KEY_VARIABLE = "SWITCHBOARD_MASTER_KEY";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final Path keyFile;
  private final Optional<String> keyFromEnvironment;

  /**
   * Opens a store (nothing is read until used).
   *
   * @param file the store file, such as {@code ~/.switchboard/secrets.json}
   * @param keyFile the key file used when the environment gives no key, such as {@code ~/.switchboard/master.key}
   * @param environment the environment, where {@value #MASTER_KEY_VARIABLE} may be set
   */
  public EncryptedFileSecretStore(Path file, Path keyFile, Map<String, String> environment) {
    this.file = file;
    this.keyFile = keyFile;
    this.keyFromEnvironment = Optional.ofNullable(environment.get(MASTER_KEY_VARIABLE)).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** Returns the store file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<Secret> find(String name) {
    if (!present()) {
      return Optional.empty();
    }
    JsonNode entry = read().path("secrets").get(name);
    if (entry == null) {
      return Optional.empty();
    }
    byte[] key = key(false);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(entry.path("nonce").asText())));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(Base64.getDecoder().decode(entry.path("ciphertext").asText()));
      return Optional.of(Secret.of(name, new String(plain, StandardCharsets.UTF_8), "the secret store " + file));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecretException("secret '" + name + "' in " + file + " cannot be decrypted: the master key is not the one it"
          + " was stored with, or the file was altered");
    }
  }

  @Override
  public String describe(String name) {
    return "the secret store " + file + " (switchboard secrets set " + name + ")";
  }

  /**
   * Stores a secret, replacing any of the same name.
   *
   * @param name the secret's name
   * @param value the value (trimmed; must not be empty)
   * @throws SecretException when the value is empty, the key is unusable, or the file cannot be written
   */
  public void put(String name, String value) {
    Secret checked = Secret.of(name, value, "the given value");
    locked(() -> {
      byte[] key = key(true);
      requireKeyMatches(key);
      store(name, checked, key);
    });
  }

  private void store(String name, Secret checked, byte[] key) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      ciphertext = cipher.doFinal(checked.value().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new SecretException("cannot encrypt: " + e.getMessage());
    }
    ObjectNode root = present() ? (ObjectNode) read() : JSON.createObjectNode().put("version", 1);
    ObjectNode secrets = root.has("secrets") ? (ObjectNode) root.get("secrets") : root.putObject("secrets");
    secrets.putObject(name).put("nonce", Base64.getEncoder().encodeToString(nonce))
        .put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
    write(root);
  }

  /**
   * Removes a secret.
   *
   * @param name the secret's name
   * @return true when it existed
   */
  public boolean remove(String name) {
    boolean[] removed = {false};
    locked(() -> {
      if (!present()) {
        return;
      }
      ObjectNode root = (ObjectNode) read();
      JsonNode secrets = root.get("secrets");
      if (secrets instanceof ObjectNode object && object.remove(name) != null) {
        write(root);
        removed[0] = true;
      }
    });
    return removed[0];
  }

  /** Runs a read-modify-write under an exclusive lock on {@code <store>.lock}, so concurrent writers never lose an entry. */
  private void locked(Runnable work) {
    synchronized (EncryptedFileSecretStore.class) {
      lockedAcrossProcesses(work);
    }
  }

  private void lockedAcrossProcesses(Runnable work) {
    Path lock = file.toAbsolutePath().resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(lock.getParent());
      try (FileChannel channel = FileChannel.open(lock,
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        work.run();
      }
    } catch (IOException e) {
      throw new SecretException("cannot lock the secret store " + file + ": " + e.getMessage());
    }
  }

  /** Refuses a key that cannot decrypt the entries already stored, so one store never mixes keys. */
  private void requireKeyMatches(byte[] key) {
    if (!present()) {
      return;
    }
    JsonNode secrets = read().path("secrets");
    Iterator<Map.Entry<String, JsonNode>> it = secrets.fields();
    if (!it.hasNext()) {
      return;
    }
    Map.Entry<String, JsonNode> first = it.next();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(first.getValue().path("nonce").asText())));
      cipher.updateAAD(first.getKey().getBytes(StandardCharsets.UTF_8));
      cipher.doFinal(Base64.getDecoder().decode(first.getValue().path("ciphertext").asText()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecretException("the master key is not the one the secrets in " + file + " were stored with;"
          + " use that key (" + MASTER_KEY_VARIABLE + " or " + keyFile + "), or remove the store to start over");
    }
  }

  /** Returns the names of the stored secrets, sorted; values are never read. */
  public List<String> names() {
    if (!present()) {
      return List.of();
    }
    JsonNode secrets = read().path("secrets");
    if (!secrets.isObject()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = secrets.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    out.sort(null);
    return out;
  }

  /**
   * Tells whether the store file exists.
   *
   * @throws SecretStoreUnreadableException when that cannot be told (a directory above it refuses to be read), since
   *     the store may hold the secrets asked for
   */
  private boolean present() {
    if (Files.exists(file)) {
      return true;
    }
    if (Files.notExists(file)) {
      return false;
    }
    throw new SecretStoreUnreadableException(file, "whether it exists cannot be told (a directory above it cannot be read)");
  }

  private JsonNode read() {
    if (Files.isDirectory(file)) {
      throw new SecretStoreUnreadableException(file, "it is a directory");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new SecretStoreUnreadableException(file, "it is not valid JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ", as a file cut short or edited by hand is");
    } catch (AccessDeniedException e) {
      throw new SecretStoreUnreadableException(file, "permission denied");
    } catch (IOException e) {
      throw new SecretStoreUnreadableException(file, e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage().replace(file.toString(), "").strip() + ")"));
    }
    if (root == null || !root.isObject() || root.path("version").asInt() != 1
        || (root.has("secrets") && !root.get("secrets").isObject())) {
      throw new SecretStoreUnreadableException(file, "it is not a Switchboard secret store (version 1 with a \"secrets\" object)");
    }
    for (JsonNode entry : root.path("secrets")) {
      if (!entry.isObject() || !entry.path("nonce").isTextual() || !entry.path("ciphertext").isTextual()) {
        throw new SecretStoreUnreadableException(file, "it is not a Switchboard secret store: an entry lacks its nonce or ciphertext");
      }
    }
    return root;
  }

  private void write(JsonNode root) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".secrets", ".tmp");
      try {
        restrict(temp);
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new SecretException("cannot write the secret store " + file + ": " + e.getMessage());
    }
  }

  private byte[] key(boolean createIfMissing) {
    if (keyFromEnvironment.isPresent()) {
      return decodeKey(keyFromEnvironment.get(), MASTER_KEY_VARIABLE);
    }
    try {
      if (!Files.exists(keyFile)) {
        if (!createIfMissing) {
          throw new SecretException("no master key: set " + MASTER_KEY_VARIABLE + " (32 bytes in base64) or create " + keyFile);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".key", ".tmp");
        try {
          restrict(temp);
          Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n");
          Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temp);
        }
        return key;
      }
      if (isPosix()) {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)
            .containsAll(permissions)) {
          throw new SecretException("the key file " + keyFile + " can be read by others ("
              + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + keyFile);
        }
      }
      return decodeKey(Files.readString(keyFile).strip(), "the key file " + keyFile);
    } catch (IOException e) {
      throw new SecretException("cannot use the key file " + keyFile + ": " + e.getMessage());
    }
  }

  private static byte[] decodeKey(String text, String origin) {
    byte[] key;
    try {
      key = text.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new SecretException("the master key from " + origin + " must be 32 bytes, in base64 (44 characters) or hex"
          + " (64 digits); make one with: openssl rand -base64 32");
    }
    return key;
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void restrict(Path path) throws IOException {
    if (isPosix()) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
