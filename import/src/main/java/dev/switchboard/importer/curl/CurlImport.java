package dev.switchboard.importer.curl;

import dev.switchboard.core.definition.DefinitionLoader;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.ImportOptions;
import dev.switchboard.importer.ImportResult;
import dev.switchboard.importer.RequestImporter;
import dev.switchboard.importer.RequestSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Imports a pasted cURL command (or the Invoke-WebRequest call of Chrome's "Copy as PowerShell") into a connector
 * and an action. The text is split into words as its shell would ({@link Shell#guess} tells bash, cmd and
 * PowerShell apart, or the caller says which), the curl command is read as curl would read it, and the request it
 * describes is turned into definitions by {@link RequestImporter}.
 */
public final class CurlImport {
  private static final Pattern CURL = Pattern.compile("(?i)(.*[/\\\\])?curl(\\.exe)?");
  private static final Pattern PROMPT = Pattern.compile("\\$|%|>|#|PS>|PS [^>]*>|[A-Za-z]:\\\\[^>]*>");

  private CurlImport() {}

  /**
   * Imports a command, guessing its shell.
   *
   * @param text the pasted command
   * @param options names chosen by the caller
   * @return the definitions and the report
   * @throws ImportException when the text is not a cURL command, has unbalanced quotes, uses an unknown or refused
   *     option, or describes a request an action cannot make
   */
  public static ImportResult run(String text, ImportOptions options) {
    return run(text, Optional.empty(), options);
  }

  /**
   * Imports a command written for a given shell.
   *
   * @param text the pasted command
   * @param shell the shell it was written for; empty to guess
   * @param options names chosen by the caller
   * @return the definitions and the report
   * @throws ImportException as {@link #run(String, ImportOptions)}
   */
  public static ImportResult run(String text, Optional<Shell> shell, ImportOptions options) {
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > DefinitionLoader.MAX_FILE_BYTES) {
      throw new ImportException("the command is " + bytes + " bytes; an action made of it could not be saved (a definition"
          + " file may have at most " + DefinitionLoader.MAX_FILE_BYTES + " bytes): import the request with a shorter body");
    }
    return RequestImporter.run(request(text, shell), options);
  }

  /**
   * Reads the request a command describes, without making definitions of it.
   *
   * @param text the pasted command
   * @param shell the shell it was written for; empty to guess
   * @return the request
   * @throws ImportException as {@link #run(String, ImportOptions)}
   */
  public static RequestSpec request(String text, Optional<Shell> shell) {
    if (text.isBlank()) {
      throw new ImportException("nothing to import: paste a curl command, such as curl https://api.example.com/v1/items");
    }
    Shell dialect = shell.orElseGet(() -> Shell.guess(text));
    List<Command> commands = new ArrayList<>();
    for (Command c : ShellWords.split(text, dialect)) {
      commands.add(withoutPrompt(c));
    }
    commands.removeIf(c -> c.words().isEmpty());
    List<Finding> notes = new ArrayList<>();
    if (shell.isEmpty() && dialect != Shell.POSIX) {
      notes.add(Finding.guessed("shell", "read as a command for " + (dialect == Shell.CMD ? "cmd.exe" : "PowerShell"))
          .onCommandLine("(say --shell bash if it was not)"));
    }
    List<Integer> curls = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      if (CURL.matcher(commands.get(i).program()).matches()) {
        curls.add(i);
      }
    }
    if (curls.isEmpty()) {
      Optional<RequestSpec> iwr = InvokeWebRequest.read(commands, notes);
      if (iwr.isPresent()) {
        return iwr.get();
      }
      String first = commands.isEmpty() ? "" : commands.get(0).program();
      throw new ImportException("not a cURL command: " + (first.isEmpty() ? "no command was found"
          : "it starts with '" + (first.length() > 30 ? first.substring(0, 30) + "…" : first) + "'")
          + "; paste a command that starts with curl (or curl.exe)");
    }
    if (curls.size() > 1) {
      throw new ImportException("the text holds " + curls.size() + " curl commands; import them one at a time");
    }
    int at = curls.get(0);
    Command curl = commands.get(at);
    if (curl.endedBy().equals("&") && at + 1 < commands.size() && commands.get(at + 1).program().contains("=")) {
      Word last = curl.words().get(curl.words().size() - 1);
      throw new ImportException("an unquoted '&' after '" + (last.text().length() > 60 ? last.text().substring(0, 60) + "…" : last.text())
          + "' (line " + last.line() + ") ends the command in a shell, which cuts the URL's query there and runs the rest"
          + " in the background; put the URL in quotes: '" + last.text() + "&" + commands.get(at + 1).program() + "...'");
    }
    for (int i = 0; i < commands.size(); i++) {
      if (i != at) {
        Command other = commands.get(i);
        String how = i == at + 1 && curl.endedBy().startsWith("|") ? "the output piped into " : "the command ";
        notes.add(Finding.ignored("command " + other.program(), how + "'" + other.program().toLowerCase(Locale.ROOT)
            + "' was ignored; only the curl command is imported"));
      }
    }
    if (!curl.redirections().isEmpty()) {
      notes.add(Finding.ignored("redirection", "the redirection " + String.join(" ", curl.redirections())
          + " only changes where curl writes; ignored"));
    }
    List<Word> words = curl.words();
    RequestSpec spec = CurlCommandLine.read(words);
    notes.addAll(spec.notes());
    return spec.withNotes(notes);
  }

  /** Drops a copied shell prompt ({@code $ curl ...}) and leading variable assignments ({@code TOKEN=x curl ...}). */
  private static Command withoutPrompt(Command c) {
    List<Word> words = new ArrayList<>(c.words());
    while (!words.isEmpty() && (PROMPT.matcher(words.get(0).text()).matches()
        || words.size() > 1 && words.get(0).text().matches("[A-Za-z_][A-Za-z0-9_]*=.*") && CURL.matcher(words.get(1).text()).matches())) {
      words.remove(0);
    }
    return new Command(List.copyOf(words), c.endedBy(), c.redirections());
  }
}
