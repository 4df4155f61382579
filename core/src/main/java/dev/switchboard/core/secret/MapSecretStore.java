package dev.switchboard.core.secret;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets held in memory, such as the token of an embedded sandbox created for one run. Values follow
 * the same rules as every store (trimmed; CR or LF inside refused).
 */
public final class MapSecretStore implements SecretStore {
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final String origin;

  /**
   * Creates an empty store.
   *
   * @param origin how errors name this store, such as {@code the embedded sandbox}
   */
  public MapSecretStore(String origin) {
    this.origin = origin;
  }

  /**
   * Sets a secret.
   *
   * @param name the secret's name
   * @param value its value
   * @return this store
   */
  public MapSecretStore put(String name, String value) {
    values.put(name, value);
    return this;
  }

  @Override
  public Optional<Secret> find(String name) {
    String raw = values.get(name);
    return raw == null ? Optional.empty() : Optional.of(Secret.of(name, raw, origin));
  }

  @Override
  public String describe(String name) {
    return origin;
  }
}
