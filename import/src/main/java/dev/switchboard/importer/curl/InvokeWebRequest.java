package dev.switchboard.importer.curl;

import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.RequestSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PowerShell that Chrome's "Copy as PowerShell" writes: an optional {@code $session} prelude (user agent
 * and cookies, which are ignored) and {@code Invoke-WebRequest -UseBasicParsing -Uri "..." -Method "..." -WebSession
 * $session -Headers @{...} -ContentType "..." -Body "..."}. {@code Invoke-RestMethod} takes the same parameters.
 * Parameter names may be shortened to any unambiguous prefix, as in PowerShell.
 */
final class InvokeWebRequest {
  private static final Set<String> PROGRAMS = Set.of("invoke-webrequest", "invoke-restmethod", "iwr", "irm");
  private static final Pattern GET_BYTES = Pattern.compile("(?is)\\(\\s*\\[System\\.Text\\.Encoding]::UTF8\\.GetBytes\\((.*)\\)\\s*\\)");
  private static final Map<String, Boolean> PARAMETERS = new TreeMap<>(Map.ofEntries(
      Map.entry("uri", true), Map.entry("method", true), Map.entry("headers", true), Map.entry("contenttype", true),
      Map.entry("body", true), Map.entry("websession", true), Map.entry("usebasicparsing", false),
      Map.entry("usedefaultcredentials", false), Map.entry("outfile", true), Map.entry("timeoutsec", true),
      Map.entry("maximumredirection", true), Map.entry("skipcertificatecheck", false), Map.entry("erroraction", true),
      Map.entry("verbose", false), Map.entry("passthru", false), Map.entry("useragent", true), Map.entry("sessionvariable", true),
      Map.entry("credential", true), Map.entry("authentication", true), Map.entry("token", true)));

  private InvokeWebRequest() {}

  /**
   * Reads the Invoke-WebRequest call among commands, if there is one.
   *
   * @param commands the commands of the pasted text
   * @param notes findings so far (the ignored prelude is added)
   * @return the request, or empty when no command is Invoke-WebRequest or Invoke-RestMethod
   * @throws ImportException for an unknown parameter or one Switchboard cannot honour
   */
  static Optional<RequestSpec> read(List<Command> commands, List<Finding> notes) {
    if (commands.stream().noneMatch(c -> PROGRAMS.contains(c.program().toLowerCase(Locale.ROOT)))) {
      return Optional.empty();
    }
    Command call = null;
    for (Command c : commands) {
      if (PROGRAMS.contains(c.program().toLowerCase(Locale.ROOT))) {
        if (call != null) {
          throw new ImportException("the text holds several Invoke-WebRequest calls; import them one at a time");
        }
        call = c;
      } else if (c.program().toLowerCase(Locale.ROOT).startsWith("$session")) {
        String what = c.program().toLowerCase(Locale.ROOT);
        notes.add(Finding.ignored("session", what.contains("cookies") ? "a cookie of the browser session was ignored and its"
            + " value not kept" : what.contains("useragent") ? "the browser's user agent was ignored; the engine sends its own"
            : "the $session web session was ignored"));
      } else {
        throw new ImportException("not a cURL command: '" + c.program() + "' is neither curl nor Invoke-WebRequest");
      }
    }
    if (call == null) {
      return Optional.empty();
    }
    String uri = null;
    Set<String> uriVars = Set.of();
    String method = "";
    List<RequestSpec.Header> headers = new ArrayList<>();
    String body = null;
    Set<String> ignored = new LinkedHashSet<>();
    List<Word> words = call.words();
    for (int i = 1; i < words.size(); i++) {
      Word w = words.get(i);
      if (!w.text().startsWith("-") || w.text().length() < 2) {
        if (uri == null) {
          uri = w.text();
          uriVars = w.variables();
          continue;
        }
        throw new ImportException("Invoke-WebRequest: the argument '" + shorten(w.text()) + "' (line " + w.line()
            + ") belongs to no parameter");
      }
      String name = parameter(w.text());
      Word value = null;
      if (PARAMETERS.get(name)) {
        if (i + 1 >= words.size()) {
          throw new ImportException("Invoke-WebRequest parameter " + w.text() + " needs a value after it");
        }
        value = words.get(++i);
      }
      switch (name) {
        case "uri" -> {
          uri = value.text();
          uriVars = value.variables();
        }
        case "method" -> method = value.text().toUpperCase(Locale.ROOT);
        case "headers" -> headers.addAll(hashtable(value));
        case "contenttype" -> headers.add(new RequestSpec.Header("Content-Type", value.text(), value.variables()));
        case "body" -> body = body(value);
        case "useragent" -> ignored.add("-UserAgent (the engine sends its own)");
        case "credential", "usedefaultcredentials", "authentication", "token", "sessionvariable" -> throw new ImportException(
            "Invoke-WebRequest parameter " + w.text() + " cannot be imported; give the credential as an Authorization header");
        default -> ignored.add(w.text());
      }
    }
    if (uri == null) {
      throw new ImportException("the Invoke-WebRequest call has no -Uri");
    }
    if (!ignored.isEmpty()) {
      notes.add(Finding.ignored("parameters", "Invoke-WebRequest parameters that only change how PowerShell calls or prints"
          + " were ignored: " + String.join(", ", ignored)));
    }
    boolean given = !method.isEmpty();
    String m = given ? method : body != null ? "POST" : "GET";
    return Optional.of(new RequestSpec("Invoke-WebRequest", m, given, uri, uriVars, headers,
        Optional.ofNullable(body).map(b -> new RequestSpec.Body(b, false, false)), Optional.empty(), Optional.empty(),
        Optional.empty(), List.copyOf(notes)));
  }

  private static String parameter(String text) {
    String p = text.substring(1).toLowerCase(Locale.ROOT).replaceFirst(":$", "");
    if (PARAMETERS.containsKey(p)) {
      return p;
    }
    List<String> matches = PARAMETERS.keySet().stream().filter(k -> k.startsWith(p)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new ImportException("unknown Invoke-WebRequest parameter '" + text + "'" + (matches.isEmpty() ? ""
        : " (it could be " + String.join(", ", matches.stream().map(k -> "-" + k).toList()) + ")")
        + "; an import reads -Uri, -Method, -Headers, -ContentType and -Body");
  }

  private static List<RequestSpec.Header> hashtable(Word value) {
    String t = value.text().strip();
    if (!t.startsWith("@{") || !t.endsWith("}")) {
      throw new ImportException("Invoke-WebRequest -Headers takes a hashtable such as @{\"Accept\"=\"application/json\"}, not '"
          + shorten(t) + "'");
    }
    List<RequestSpec.Header> out = new ArrayList<>();
    for (Command entry : new PowerShellWords(t.substring(2, t.length() - 1), true).commands()) {
      List<Word> w = entry.words();
      if (w.size() != 3 || !w.get(1).text().equals("=")) {
        throw new ImportException("the -Headers entry '" + shorten(String.join(" ", w.stream().map(Word::text).toList()))
            + "' is not \"Name\"=\"value\"");
      }
      out.add(new RequestSpec.Header(w.get(0).text(), w.get(2).text(), w.get(2).variables()));
    }
    return out;
  }

  private static String body(Word value) {
    String t = value.text();
    Matcher m = GET_BYTES.matcher(t.strip());
    if (m.matches()) {
      List<Command> inner = new PowerShellWords(m.group(1)).commands();
      if (inner.size() == 1 && inner.get(0).words().size() == 1) {
        return inner.get(0).words().get(0).text();
      }
    }
    if (t.startsWith("(") || t.startsWith("@")) {
      throw new ImportException("Invoke-WebRequest -Body " + shorten(t) + " is an expression an import cannot evaluate;"
          + " give the body as a string");
    }
    return t;
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
