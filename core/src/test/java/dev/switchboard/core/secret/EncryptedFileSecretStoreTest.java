package dev.switchboard.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretStoreTest {
  private static final String VALUE = "00canaryValue1234567890";

  @TempDir
  Path dir;

  private EncryptedFileSecretStore store(Map<String, String> env) {
    return new EncryptedFileSecretStore(dir.resolve("secrets.json"), dir.resolve("master.key"), env);
  }

  @Test
  void aStoredSecretReadsBackAndTheFileHoldsNoPlaintext() throws Exception {
    EncryptedFileSecretStore store = store(Map.of());
    store.put("okta_api_token", VALUE + "\n");
    assertThat(store.find("okta_api_token")).get().extracting(Secret::value).isEqualTo(VALUE);
    assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain(VALUE).contains("okta_api_token");
    assertThat(store.names()).containsExactly("okta_api_token");
  }

  @Test
  void theStoreAndTheGeneratedKeyFileAreReadableByTheOwnerOnly() throws Exception {
    store(Map.of()).put("a_secret", VALUE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets.json")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key")))).isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("secrets.json", "master.key", "secrets.json.lock");
    }
  }

  @Test
  void aKeyFileReadableByOthersIsRefused() throws Exception {
    store(Map.of()).put("a_secret", VALUE);
    Files.setPosixFilePermissions(dir.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> store(Map.of()).find("a_secret")).hasMessageContaining("chmod 600");
  }

  @Test
  void theMasterKeyCanComeFromTheEnvironmentAndAWrongOneFailsWithoutShowingTheValue() {
    byte[] key = new byte[32];
    key[0] = 7;
    String base64 = Base64.getEncoder().encodeToString(key);
    store(Map.of("SWITCHBOARD_MASTER_KEY", base64)).put("a_secret", VALUE);
    assertThat(Files.exists(dir.resolve("master.key"))).isFalse();
    assertThat(store(Map.of("SWITCHBOARD_MASTER_KEY", base64)).find("a_secret")).get().extracting(Secret::value).isEqualTo(VALUE);
    key[0] = 8;
    assertThatThrownBy(() -> store(Map.of("SWITCHBOARD_MASTER_KEY", Base64.getEncoder().encodeToString(key))).find("a_secret"))
        .hasMessageContaining("cannot be decrypted").hasMessageNotContaining(VALUE);
  }

  @Test
  void aMasterKeyOfTheWrongLengthIsRefusedWithHowToMakeOne() {
    assertThatThrownBy(() -> store(Map.of("SWITCHBOARD_MASTER_KEY", "short")).put("a_secret", VALUE))
        .hasMessageContaining("must be 32 bytes").hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void aValueMovedToAnotherNameFailsAuthentication() throws Exception {
    EncryptedFileSecretStore store = store(Map.of());
    store.put("first", VALUE);
    store.put("second", "other-value-123");
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(dir.resolve("secrets.json").toFile());
    ObjectNode secrets = (ObjectNode) root.get("secrets");
    secrets.set("second", secrets.get("first"));
    json.writeValue(dir.resolve("secrets.json").toFile(), root);
    assertThatThrownBy(() -> store.find("second")).hasMessageContaining("cannot be decrypted");
  }

  @Test
  void aDifferentMasterKeyCannotAddToAStoreMadeWithAnother() {
    byte[] key = new byte[32];
    store(Map.of("SWITCHBOARD_MASTER_KEY", Base64.getEncoder().encodeToString(key))).put("first", VALUE);
    key[0] = 1;
    assertThatThrownBy(() -> store(Map.of("SWITCHBOARD_MASTER_KEY", Base64.getEncoder().encodeToString(key))).put("second", "x-value"))
        .hasMessageContaining("not the one the secrets");
    assertThat(store(Map.of()).names()).containsExactly("first");
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int n = i;
      done.add(pool.submit(() -> store(Map.of()).put("secret_" + n, "value-" + n)));
    }
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    assertThat(store(Map.of()).names()).hasSize(16);
    assertThat(store(Map.of()).find("secret_7")).get().extracting(Secret::value).isEqualTo("value-7");
  }

  @Test
  void aHandEditedStoreIsRefusedClearly() throws Exception {
    Files.writeString(dir.resolve("secrets.json"), "{\"version\":1,\"secrets\":[]}");
    assertThatThrownBy(() -> store(Map.of()).put("b", "value-b")).hasMessageContaining("is not a Switchboard secret store");
  }

  @Test
  void removeDeletesOnlyThatSecret() {
    EncryptedFileSecretStore store = store(Map.of());
    store.put("first", VALUE);
    store.put("second", "other-value-123");
    assertThat(store.remove("first")).isTrue();
    assertThat(store.remove("first")).isFalse();
    assertThat(store.names()).containsExactly("second");
    assertThat(store.find("first")).isEmpty();
  }

  @Test
  void aCorruptedStoreIsReportedAsUnreadableWithWhereAndWhatToDo() throws Exception {
    store(Map.of()).put("okta_api_token", VALUE);
    Files.writeString(dir.resolve("secrets.json"), "{\"version\":1,\"secrets\":{\"okta_api_to");
    for (Runnable use : new Runnable[] {() -> store(Map.of()).find("okta_api_token"), () -> store(Map.of()).names()}) {
      assertThatThrownBy(use::run)
          .isInstanceOf(SecretStoreUnreadableException.class)
          .hasMessageContaining("the secret store " + dir.resolve("secrets.json") + " cannot be read")
          .hasMessageContaining("not valid JSON")
          .hasMessageContaining("switchboard secrets set")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(VALUE));
    }
  }

  @Test
  void aStoreThatIsADirectoryIsReportedAsUnreadable() throws Exception {
    Files.createDirectories(dir.resolve("secrets.json"));
    assertThatThrownBy(() -> store(Map.of()).find("okta_api_token"))
        .isInstanceOf(SecretStoreUnreadableException.class)
        .hasMessageContaining("cannot be read");
  }
}
