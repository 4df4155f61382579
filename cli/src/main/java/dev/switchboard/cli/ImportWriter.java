package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.switchboard.core.definition.DefinitionException;
import dev.switchboard.core.definition.Problem;
import dev.switchboard.core.secret.EncryptedFileSecretStore;
import dev.switchboard.core.secret.Secret;
import dev.switchboard.core.secret.SecretException;
import dev.switchboard.importer.DefinitionCheck;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes an import into a definitions directory, all or nothing: {@code DIR/<connector>/connector.yaml} (kept as it
 * is when the connector exists already) and {@code DIR/<connector>/actions/<name>.yaml} (never overwriting one without
 * {@code --force}). Everything is checked first, by loading the connector as it will be on disk; files are staged
 * next to their place, the secrets are put in the encrypted secret store, and only then are the files moved in. When
 * any step fails, nothing is left behind.
 */
final class ImportWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path defs;
  private final boolean force;
  private final Map<String, String> env;

  ImportWriter(Path defs, boolean force, Map<String, String> env) {
    this.defs = defs;
    this.force = force;
    this.env = env;
  }

  /** What was done, for the report. */
  record Written(List<Path> files, List<String> storedSecrets, List<String> keptSecrets, boolean connectorKept, List<String> notes) {}

  /**
   * Checks and writes an import.
   *
   * @param result the import
   * @return what was written
   * @throws Main.UsageException when an action file exists and --force was not given
   * @throws Main.ConfigurationException when the existing connector does not load with the new actions, or the
   *     secret store cannot be written
   */
  Written write(ImportResult result) {
    String name = result.connector().name();
    Path dir = defs.resolve(name);
    Path connectorFile = dir.resolve("connector.yaml");
    boolean existing = Files.isRegularFile(connectorFile);
    List<String> conflicts = new ArrayList<>();
    for (ImportResult.ActionFile a : result.actions()) {
      if (Files.exists(dir.resolve("actions").resolve(a.name() + ".yaml"))) {
        conflicts.add("actions/" + a.name() + ".yaml");
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw new Main.UsageException(String.join(", ", conflicts) + (conflicts.size() == 1 ? " already exists" : " already exist")
          + " in " + dir + "; nothing was written. Pass --force to overwrite, or --name to give the action another name");
    }
    String connectorYaml = existing ? read(connectorFile) : result.connector().yaml();
    Map<String, String> actions = new LinkedHashMap<>();
    if (existing) {
      for (Path p : list(dir.resolve("actions"))) {
        actions.put(p.getFileName().toString().replaceFirst("\\.ya?ml$", ""), read(p));
      }
    }
    result.actions().forEach(a -> actions.put(a.name(), a.yaml()));
    try {
      DefinitionCheck.load(name, connectorYaml, actions);
    } catch (DefinitionException e) {
      List<String> lines = e.problems().stream().map(Problem::toString).toList();
      throw new Main.ConfigurationException("the connector " + name + " in " + dir + " would not load with the imported"
          + " actions; nothing was written:\n  " + String.join("\n  ", lines));
    }

    Path staging;
    try {
      Files.createDirectories(defs);
      staging = Files.createTempDirectory(defs, ".import-");
    } catch (IOException e) {
      throw new Main.ConfigurationException("cannot write in " + defs + ": " + e.getMessage());
    }
    try {
      Map<Path, Path> moves = new LinkedHashMap<>();
      if (!existing) {
        moves.put(stage(staging, "connector.yaml", result.connector().yaml()), connectorFile);
      }
      for (ImportResult.ActionFile a : result.actions()) {
        moves.put(stage(staging, a.name() + ".yaml", a.yaml()), dir.resolve("actions").resolve(a.name() + ".yaml"));
      }
      List<String> stored = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      List<Secret> secrets = result.secrets();
      if (existing) {
        String existingAuth = authOf(connectorYaml);
        String importedAuth = authOf(result.connector().yaml());
        if (!existingAuth.equals(importedAuth)) {
          notes.add("the existing connector authenticates with " + existingAuth + "; the import would have used " + importedAuth
              + ": the imported actions use the connector's auth" + (secrets.isEmpty() ? "" : ", and the credential found in"
              + " the input was not stored"));
          secrets = List.of();
        }
      }
      storeSecrets(secrets, stored, kept);
      Files.createDirectories(dir.resolve("actions"));
      for (Map.Entry<Path, Path> m : moves.entrySet()) {
        Files.move(m.getKey(), m.getValue(), StandardCopyOption.REPLACE_EXISTING);
      }
      return new Written(List.copyOf(moves.values()), stored, kept, existing, notes);
    } catch (IOException e) {
      throw new Main.ConfigurationException("cannot write the definitions in " + dir + ": " + e.getMessage());
    } finally {
      delete(staging);
    }
  }

  private void storeSecrets(List<Secret> secrets, List<String> stored, List<String> kept) {
    if (secrets.isEmpty()) {
      return;
    }
    try {
      EncryptedFileSecretStore store = SecretsCommand.store(env);
      List<String> names = store.names();
      for (Secret s : secrets) {
        if (names.contains(s.name()) && !force) {
          kept.add(s.name());
        } else {
          store.put(s.name(), s.value());
          stored.add(s.name());
        }
      }
    } catch (SecretException e) {
      throw new Main.ConfigurationException("cannot store the imported secret in the secret store (" + e.getMessage()
          + "); nothing was written");
    }
  }

  /** Returns "type (secret name)" of a connector.yaml's auth block, for comparing two connectors' auth. */
  private static String authOf(String connectorYaml) {
    try {
      JsonNode auth = YAML.readTree(connectorYaml).path("auth");
      return auth.path("type").asText("?") + (auth.has("secret") ? " (secret " + auth.path("secret").asText() + ")" : "");
    } catch (IOException e) {
      return "?";
    }
  }

  private static Path stage(Path staging, String file, String text) throws IOException {
    Path p = staging.resolve(file + ".staged"); // not *.yaml, so no loader mistakes the staging area for a connector
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Main.ConfigurationException("cannot read " + p + ": " + e.getMessage());
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the staging directory is empty after a successful move; a leftover one is harmless
    }
  }

  /**
   * Prints the report: the files written (or the YAML, for a dry run), the secrets stored, and the findings by kind.
   *
   * @param result the import
   * @param written what was written, or null for a dry run
   * @param defs the definitions directory
   * @param out where to print
   */
  static void printText(ImportResult result, Written written, Path defs, PrintWriter out) {
    if (written == null) {
      out.println("# " + result.connector().name() + "/connector.yaml (dry run: nothing written)");
      out.print(result.connector().yaml());
      for (ImportResult.ActionFile a : result.actions()) {
        out.println();
        out.println("# " + result.connector().name() + "/actions/" + a.name() + ".yaml");
        out.print(a.yaml());
      }
      out.println();
    } else {
      if (written.connectorKept()) {
        out.println("kept    " + defs.resolve(result.connector().name()).resolve("connector.yaml") + " (the connector existed)");
      }
      written.files().forEach(f -> out.println("wrote   " + f));
      written.storedSecrets().forEach(s -> out.println("stored  secret " + s + " in the encrypted secret store"));
      written.keptSecrets().forEach(s -> out.println("kept    secret " + s + " already in the secret store (--force replaces it)"));
      written.notes().forEach(n -> out.println("note    " + n));
    }
    section(out, "guessed", result.findings(Finding.Kind.GUESSED));
    section(out, "left to you", result.findings(Finding.Kind.LEFT_TO_USER));
    section(out, "ignored", result.findings(Finding.Kind.IGNORED));
    if (written != null && !result.actions().isEmpty()) {
      out.println();
      out.println("next: switchboard run " + result.connector().name() + "." + result.actions().get(0).name() + " --defs " + defs
          + (result.actions().size() > 1 ? "   (" + result.actions().size() + " actions: switchboard actions --defs " + defs + ")" : ""));
    }
  }

  private static void section(PrintWriter out, String title, List<Finding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    out.println();
    out.println(title + ":");
    for (Finding f : findings) {
      out.println("  - " + Main.printable(f.subject() + ": " + f.messageForCommandLine()));
    }
  }

  /** Prints the import as JSON: connector, actions (YAML and output schema), secret names, findings, files. */
  static void printJson(ImportResult result, Written written, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("connector").put("name", result.connector().name()).put("yaml", result.connector().yaml());
    ArrayNode actions = root.putArray("actions");
    for (ImportResult.ActionFile a : result.actions()) {
      ObjectNode node = actions.addObject().put("name", a.name()).put("yaml", a.yaml());
      a.outputSchema().ifPresent(s -> node.set("output_schema", s));
    }
    ArrayNode secrets = root.putArray("secrets");
    result.secrets().forEach(s -> secrets.add(s.name()));
    ArrayNode findings = root.putArray("findings");
    for (Finding f : result.findings()) {
      findings.addObject().put("kind", f.kind().name().toLowerCase(Locale.ROOT)).put("subject", f.subject())
          .put("message", f.messageForCommandLine());
    }
    ArrayNode files = root.putArray("written");
    if (written != null) {
      written.files().forEach(f -> files.add(f.toString()));
    }
    root.put("dry_run", written == null);
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
