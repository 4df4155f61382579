package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code switchboard workspace export DIR} and {@code workspace import DIR}: a running server's connectors and
 * actions as a folder of YAML ({@code <connector>/connector.yaml}, {@code settings.yaml}, {@code actions/*.yaml}),
 * through its REST API, byte for byte, so that git is the place to review them. Credentials never leave the server.
 */
@Command(name = "workspace", mixinStandardHelpOptions = true,
    description = "Exports a server's workspace to a folder of YAML, or imports one (through the REST API).",
    subcommands = {WorkspaceCommand.Export.class, WorkspaceCommand.Import.class})
final class WorkspaceCommand {
  /** The environment variable of the server's URL. */
  static final String URL_VARIABLE = "SWITCHBOARD_URL";
  /** The environment variable of the admin key the command sends. */
  static final String KEY_VARIABLE = "SWITCHBOARD_KEY";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand
  Main main;

  /** Where the server is and which key to send. */
  static final class Target {
    @Option(names = "--server", paramLabel = "URL", description = "The server (default: $" + URL_VARIABLE + ", else http://127.0.0.1:8080).")
    String server;

    URI uri(Map<String, String> env) {
      String url = server != null ? server : env.getOrDefault(URL_VARIABLE, "http://127.0.0.1:8080");
      try {
        URI uri = URI.create(url.endsWith("/") ? url : url + "/");
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
          throw new IllegalArgumentException();
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new Main.UsageException("--server '" + url + "' is not an http(s) URL, such as http://127.0.0.1:8080");
      }
    }

    static String key(Map<String, String> env) {
      String key = env.get(KEY_VARIABLE);
      if (key == null || key.isBlank()) {
        key = env.get("SWITCHBOARD_ADMIN_KEY");
      }
      if (key == null || key.isBlank()) {
        throw new Main.ConfigurationException("set " + KEY_VARIABLE + " to an admin key of the server (the key"
            + " 'switchboard serve' printed at first start)");
      }
      return key.strip();
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = {
      "Writes every connector's files to DIR/<connector>/...; YAML files there that the workspace no longer has are removed,"
          + " other files (README, .git) are left alone."})
  static final class Export implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @ParentCommand
    WorkspaceCommand parent;
    @Mixin
    Target target;
    @Parameters(paramLabel = "DIR", description = "The folder to write.")
    Path dir;

    @Override
    public Integer call() throws IOException {
      Map<String, String> env = parent.main.env;
      JsonNode files = request(env, target.uri(env), "GET", "api/workspace/export", null).path("files");
      Map<String, String> wanted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        wanted.put(checkedPath(e.getKey()), e.getValue().asText());
      }
      Files.createDirectories(dir);
      for (Path stale : definitionFiles(dir)) {
        if (!wanted.containsKey(dir.relativize(stale).toString().replace('\\', '/'))) {
          Files.delete(stale);
        }
      }
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        Path file = dir.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("switchboard workspace: exported " + wanted.size() + " files to " + dir);
      err.flush();
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true, description = {
      "Makes the server's workspace the folder DIR: files that differ become new versions, new ones are created, missing"
          + " ones deleted, in one transaction; every connector is checked first and nothing changes when one is invalid."})
  static final class Import implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @ParentCommand
    WorkspaceCommand parent;
    @Mixin
    Target target;
    @Parameters(paramLabel = "DIR", description = "The folder to read, as export writes it.")
    Path dir;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(dir)) {
        throw new Main.UsageException(dir + " is not a directory; give a folder written by 'switchboard workspace export'");
      }
      Map<String, String> env = parent.main.env;
      ObjectNode body = JSON.createObjectNode();
      ObjectNode files = body.putObject("files");
      for (Path p : definitionFiles(dir)) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
      }
      if (files.isEmpty()) {
        throw new Main.UsageException(dir + " holds no <connector>/connector.yaml; give a folder written by 'switchboard workspace export'");
      }
      JsonNode summary = request(env, target.uri(env), "POST", "api/workspace/import", body);
      PrintWriter err = spec.commandLine().getErr();
      err.println("switchboard workspace: imported " + dir + ": " + summary.path("created").asInt() + " created, "
          + summary.path("changed").asInt() + " changed, " + summary.path("deleted").asInt() + " deleted, "
          + summary.path("unchanged").asInt() + " unchanged");
      err.flush();
      return 0;
    }
  }

  /** The definition files of an exported folder: *&#47;connector.yaml, *&#47;settings.yaml, *&#47;actions/*.yaml. */
  static List<Path> definitionFiles(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir, 3)) {
      return all.filter(Files::isRegularFile).filter(p -> {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        return rel.matches("[^/.][^/]*/(connector|settings)\\.yaml") || rel.matches("[^/.][^/]*/actions/[^/]+\\.yaml");
      }).sorted().toList();
    }
  }

  private static String checkedPath(String path) {
    if (!path.matches("[a-z][a-z0-9_@-]*/((connector|settings)\\.yaml|actions/[a-z][a-z0-9_]*\\.yaml)")) {
      throw new Main.ConfigurationException("the server sent a file path this command does not write: '" + path + "'");
    }
    return path;
  }

  static JsonNode request(Map<String, String> env, URI server, String method, String path, JsonNode body) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(5))
          .header("Authorization", "Bearer " + Target.key(env)).header("Accept", "application/json");
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
      if (r.statusCode() >= 400) {
        StringBuilder message = new StringBuilder("the server answered " + r.statusCode() + ": " + answer.path("detail").asText(""));
        for (JsonNode p : answer.path("problems")) {
          message.append("\n  ").append(p.path("file").asText()).append(p.has("line") ? ":" + p.path("line").asInt() : "")
              .append(": ").append(p.has("field") ? p.path("field").asText() + ": " : "").append(p.path("message").asText());
        }
        throw r.statusCode() == 401 || r.statusCode() == 403 ? new Main.ConfigurationException(message.toString())
            : new Main.UsageException(message.toString());
      }
      return answer;
    } catch (ConnectException e) {
      throw new Main.ConfigurationException("cannot reach the server at " + server + " (is 'switchboard serve' running? --server"
          + " or " + URL_VARIABLE + " names another)");
    } catch (IOException e) {
      throw new Main.ConfigurationException("talking to " + server + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Main.ConfigurationException("interrupted");
    }
  }
}
