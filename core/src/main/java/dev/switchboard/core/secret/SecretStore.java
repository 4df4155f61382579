package dev.switchboard.core.secret;

import java.util.List;
import java.util.Optional;

/**
 * Resolves a secret by name. Stores are chained with {@link #chain(List)}: the first that knows a name wins.
 */
@FunctionalInterface
public interface SecretStore {
  /**
   * Looks a secret up.
   *
   * @param name the secret's name, such as {@code okta_api_token}
   * @return the secret, or empty when this store does not hold it
   * @throws SecretException when the store holds it but the value is malformed (empty, or CR/LF inside)
   */
  Optional<Secret> find(String name);

  /**
   * Describes where this store would look for a name, for error messages, such as
   * {@code environment variable OKTA_API_TOKEN}.
   *
   * @param name the secret's name
   * @return a short phrase
   */
  default String describe(String name) {
    return "secret store";
  }

  /**
   * Chains stores in order.
   *
   * @param stores the stores, first asked first
   * @return a store that asks each in turn
   */
  static SecretStore chain(List<SecretStore> stores) {
    List<SecretStore> copy = List.copyOf(stores);
    return new SecretStore() {
      @Override
      public Optional<Secret> find(String name) {
        for (SecretStore store : copy) {
          Optional<Secret> found = store.find(name);
          if (found.isPresent()) {
            return found;
          }
        }
        return Optional.empty();
      }

      @Override
      public String describe(String name) {
        return String.join(" or ", copy.stream().map(s -> s.describe(name)).distinct().toList());
      }
    };
  }
}
