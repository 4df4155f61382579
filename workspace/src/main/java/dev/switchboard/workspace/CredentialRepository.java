package dev.switchboard.workspace;

import dev.switchboard.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * Credentials, write-only: each value encrypted with AES-256-GCM (NIST SP 800-38D) under the {@link MasterKey},
 * with a fresh random 96-bit nonce and {@code connector/name} as additional authenticated data, so a ciphertext
 * cannot be moved to another credential undetected. No method but {@link #reveal} returns a value, and only the
 * engine calls it to send the credential; listings give the name, the last 4 characters and when it was set.
 * Thread-safe.
 */
public final class CredentialRepository {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  /** The shortest value whose last 4 characters are shown. */
  public static final int SHOW_LAST4_FROM = 12;

  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final MasterKey key;
  private final SecureRandom random;

  CredentialRepository(Jdbi jdbi, Clock clock, AuditLog audit, MasterKey key, SecureRandom random) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
    this.key = key;
    this.random = random;
  }

  /**
   * Sets or rotates a credential; the audit event says which ({@code credential.set} or {@code credential.rotated}).
   *
   * @param connector the connector
   * @param name the secret's name
   * @param value the value; surrounding whitespace is trimmed; one line
   * @param actor who sets it
   * @return what may be shown of it
   * @throws WorkspaceException (invalid, field {@code value}) when the value is empty or holds a line break; the
   *     message never holds the value
   */
  public Credential set(String connector, String name, String value, String actor) {
    Names.connector(connector);
    Names.name("name", name);
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw WorkspaceException.invalid("value", "credential '" + name + "' needs a value; it was empty");
    }
    if (v.length() > 64 * 1024) {
      throw WorkspaceException.invalid("value", "credential '" + name + "' is longer than 64 KB");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, nonce, aad(connector, name), v.getBytes(StandardCharsets.UTF_8));
    String last4 = v.length() >= SHOW_LAST4_FROM ? v.substring(v.length() - 4) : "";
    long now = clock.millis();
    return jdbi.inTransaction(h -> {
      int removed = h.createUpdate("DELETE FROM credential WHERE connector = :c AND name = :n").bind("c", connector)
          .bind("n", name).execute();
      h.createUpdate("INSERT INTO credential (connector, name, nonce, ciphertext, key_id, last4, set_by, set_at)"
          + " VALUES (:c, :n, :nonce, :ct, :kid, :last4, :by, :at)").bind("c", connector).bind("n", name)
          .bind("nonce", Base64.getEncoder().encodeToString(nonce)).bind("ct", Base64.getEncoder().encodeToString(ciphertext))
          .bind("kid", key.id()).bind("last4", last4).bind("by", actor).bind("at", now).execute();
      audit.append(h, actor, removed > 0 ? "credential.rotated" : "credential.set", connector + "/" + name,
          last4.isEmpty() ? "" : "ends in " + last4);
      return new Credential(connector, name, last4, actor, Instant.ofEpochMilli(now));
    });
  }

  /**
   * Lists a connector's credentials (never values).
   *
   * @param connector the connector
   * @return the credentials, sorted by name
   */
  public List<Credential> list(String connector) {
    return jdbi.withHandle(h -> h.createQuery("SELECT connector, name, last4, set_by, set_at FROM credential WHERE connector = :c ORDER BY name")
        .bind("c", connector).map((rs, ctx) -> new Credential(rs.getString("connector"), rs.getString("name"),
            rs.getString("last4"), rs.getString("set_by"), Instant.ofEpochMilli(rs.getLong("set_at")))).list());
  }

  /** {@return every connector's credentials (never values), sorted by connector and name} */
  public List<Credential> listAll() {
    return jdbi.withHandle(h -> h.createQuery("SELECT connector, name, last4, set_by, set_at FROM credential ORDER BY connector, name")
        .map((rs, ctx) -> new Credential(rs.getString("connector"), rs.getString("name"), rs.getString("last4"),
            rs.getString("set_by"), Instant.ofEpochMilli(rs.getLong("set_at")))).list());
  }

  /**
   * Deletes a credential.
   *
   * @param connector the connector
   * @param name the secret's name
   * @param actor who deletes it
   * @throws WorkspaceException (not found) when there is no such credential
   */
  public void delete(String connector, String name, String actor) {
    jdbi.useTransaction(h -> {
      int removed = h.createUpdate("DELETE FROM credential WHERE connector = :c AND name = :n").bind("c", connector)
          .bind("n", name).execute();
      if (removed == 0) {
        throw WorkspaceException.notFound("connector '" + connector + "' has no credential '" + name + "'");
      }
      audit.append(h, actor, "credential.deleted", connector + "/" + name, "");
    });
  }

  /**
   * Decrypts a credential for the engine to send. Never for showing.
   *
   * @param connector the connector
   * @param name the secret's name
   * @return the secret, or empty when it is not set
   * @throws WorkspaceException (invalid, field {@code master_key}) when the master key is not the one it was stored
   *     under, or the row was altered
   */
  public Optional<Secret> reveal(String connector, String name) {
    Optional<String[]> row = jdbi.withHandle(h -> h.createQuery("SELECT nonce, ciphertext, key_id FROM credential WHERE connector = :c AND name = :n")
        .bind("c", connector).bind("n", name)
        .map((rs, ctx) -> new String[] {rs.getString("nonce"), rs.getString("ciphertext"), rs.getString("key_id")}).findOne());
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String[] r = row.get();
    if (!r[2].equals(key.id())) {
      throw WorkspaceException.invalid("master_key", "credential '" + connector + "/" + name + "' was stored under another"
          + " master key than " + key.origin() + "; start the server with that key, or set the credential again");
    }
    byte[] plain = crypt(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(r[0]), aad(connector, name),
        Base64.getDecoder().decode(r[1]));
    return Optional.of(Secret.of(name, new String(plain, StandardCharsets.UTF_8), "the workspace credential " + connector + "/" + name));
  }

  private byte[] crypt(int mode, byte[] nonce, byte[] aad, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw WorkspaceException.invalid("master_key", "a credential cannot be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted"
          : "decrypted: the master key is not the one it was stored with, or the row was altered"));
    }
  }

  private static byte[] aad(String connector, String name) {
    return (connector + "/" + name).getBytes(StandardCharsets.UTF_8);
  }
}
