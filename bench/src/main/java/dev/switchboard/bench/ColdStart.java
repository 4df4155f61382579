package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CLI cold start: the wall time of whole processes getting one user from a running sandbox, each started
 * afresh, in turn (so that machine noise hits each alike): {@code ./switchboard run okta.get_user} as a user
 * types it (the launcher script, then the JVM with the launcher's options and its class-data archive), the same
 * without the archive ({@code SWITCHBOARD_CDS=0}), the jar started with a bare {@code java -jar}, and
 * {@code curl} of the same URL with the same header. Warm-up runs first (the script may build the jar and record
 * its archive; the page cache fills); their times are dropped.
 */
final class ColdStart {
  private ColdStart() {}

  /**
   * Times the commands.
   *
   * @param root the repository root (where {@code ./switchboard} is)
   * @param org the running org
   * @param userId the user to get
   * @param runs timed runs of each command
   * @return the result: per command, every time in ms and their median, mean, min and p90
   */
  static ObjectNode run(Path root, Org.Handle org, String userId, int runs) throws IOException, InterruptedException {
    Path script = root.resolve("switchboard");
    Path jar = root.resolve("cli/target/switchboard.jar");
    List<String> run = List.of("run", "okta.get_user", "--input", "id=" + userId, "--output", "json");
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("./switchboard run okta.get_user", concat(List.of(script.toString()), run));
    commands.put("SWITCHBOARD_CDS=0 ./switchboard run okta.get_user", concat(List.of(script.toString()), run));
    commands.put("java -jar cli/target/switchboard.jar run okta.get_user",
        concat(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()), run));
    commands.put("curl", List.of("curl", "-sS", "-f", "-o", "/dev/null", "-H", "Authorization: SSWS " + org.token(),
        "-H", "Accept: application/json", org.url() + "/api/v1/users/" + userId));
    Map<String, String> base = Map.of("OKTA_ORG_URL", org.url(), "OKTA_API_TOKEN", org.token());
    Map<String, String> noCds = new LinkedHashMap<>(base);
    noCds.put("SWITCHBOARD_CDS", "0");

    // a check that each command really gets the user, then warm-up
    String shown = output(commands.get("./switchboard run okta.get_user"), base, root);
    if (!shown.contains(userId)) {
      throw new IOException("./switchboard run okta.get_user did not print the user: " + shown);
    }
    for (int i = 0; i < 3; i++) {
      for (Map.Entry<String, List<String>> command : commands.entrySet()) {
        time(command.getValue(), command.getKey().startsWith("SWITCHBOARD_CDS=0") ? noCds : base, root);
      }
    }
    Map<String, double[]> times = new LinkedHashMap<>();
    commands.keySet().forEach(k -> times.put(k, new double[runs]));
    for (int i = 0; i < runs; i++) {
      for (Map.Entry<String, List<String>> command : commands.entrySet()) {
        times.get(command.getKey())[i] = time(command.getValue(), command.getKey().startsWith("SWITCHBOARD_CDS=0") ? noCds : base, root);
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("runs", runs);
    out.put("cdsArchive", Files.exists(root.resolve("cli/target/switchboard.jsa")));
    ObjectNode results = out.putObject("commands");
    for (Map.Entry<String, double[]> t : times.entrySet()) {
      ObjectNode r = results.putObject(t.getKey());
      r.put("command", (t.getKey().startsWith("SWITCHBOARD_CDS=0") ? "SWITCHBOARD_CDS=0 " : "")
          + String.join(" ", commands.get(t.getKey())).replace(org.token(), "$OKTA_API_TOKEN"));
      double[] sorted = t.getValue().clone();
      Arrays.sort(sorted);
      r.put("medianMs", Stats.median(sorted));
      r.put("meanMs", Arrays.stream(sorted).average().orElse(0));
      r.put("minMs", sorted[0]);
      r.put("p90Ms", sorted[(int) Math.ceil(0.9 * sorted.length) - 1]);
      ArrayNode all = r.putArray("ms");
      Arrays.stream(t.getValue()).forEach(all::add);
    }
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static double time(List<String> command, Map<String, String> env, Path root) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command.get(0));
    }
    long nanos = System.nanoTime() - start;
    if (p.exitValue() != 0) {
      throw new IOException(command.get(0) + " exited with " + p.exitValue());
    }
    return nanos / 1e6;
  }

  private static String output(List<String> command, Map<String, String> env, Path root) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(root.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(300, TimeUnit.SECONDS);
    return text;
  }
}
