package dev.switchboard.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the results were measured on: CPU, memory, OS, JVM, date and commit. */
final class Machine {
  private Machine() {}

  static ObjectNode describe(Path root) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("date", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).format(ZonedDateTime.now()));
    m.put("cpu", procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")));
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("memory", procField("/proc/meminfo", "MemTotal").map(Machine::gib).orElse("?"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("commit", command(root, "git", "rev-parse", "--short", "HEAD").orElse("?")
        + (command(root, "git", "status", "--porcelain", "--untracked-files=no").map(s -> s.isBlank() ? "" : " (modified)").orElse("")));
    return m;
  }

  private static String gib(String memTotal) {
    String kb = memTotal.replaceAll("[^0-9]", "");
    return kb.isEmpty() ? memTotal : String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(kb) / 1048576.0);
  }

  private static java.util.Optional<String> procField(String file, String field) {
    try {
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        if (line.startsWith(field)) {
          return java.util.Optional.of(line.substring(line.indexOf(':') + 1).strip());
        }
      }
    } catch (IOException e) {
      // not Linux: leave it out
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> command(Path dir, String... command) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? java.util.Optional.of(out) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }
}
