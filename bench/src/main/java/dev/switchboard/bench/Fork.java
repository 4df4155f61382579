package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a worker's {@code main} in a JVM of its own, with this JVM's class path and the given JVM options, and
 * reads the one {@code RESULT {json}} line it prints. The worker's other output goes to a log file.
 */
final class Fork {
  private static final String PREFIX = "RESULT ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fork() {}

  /**
   * Runs a worker.
   *
   * @param main the worker class, with a {@code main(String[])}
   * @param jvmOptions options such as {@code -Xmx256m}
   * @param arguments {@code name=value} arguments
   * @param log where the worker's stderr (and any other stdout) goes
   * @param timeoutSeconds how long it may run
   * @return the worker's result
   * @throws IOException when the worker fails or prints no result
   * @throws InterruptedException when interrupted
   */
  static ObjectNode run(Class<?> main, List<String> jvmOptions, Map<String, String> arguments, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    arguments.forEach((k, v) -> command.add(k + "=" + v));
    java.nio.file.Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    ObjectNode result = null;
    StringBuilder other = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(PREFIX)) {
          result = (ObjectNode) JSON.readTree(line.substring(PREFIX.length()));
        } else {
          other.append(line).append('\n');
        }
      }
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(main.getSimpleName() + " ran over " + timeoutSeconds + " s; see " + log);
    }
    if (other.length() > 0) {
      java.nio.file.Files.writeString(log, other, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
    if (process.exitValue() != 0 || result == null) {
      throw new IOException(main.getSimpleName() + " " + arguments.get("client") + " failed (exit " + process.exitValue()
          + "); see " + log);
    }
    return result;
  }

  /** Prints a worker's result line. */
  static void result(JsonNode result) throws IOException {
    System.out.println(PREFIX + JSON.writeValueAsString(result));
    System.out.flush();
  }

  /** Reads {@code name=value} arguments. */
  static Map<String, String> arguments(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are name=value: " + arg);
      }
      out.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return out;
  }
}
