package dev.switchboard.importer.curl;

import dev.switchboard.core.definition.Names;
import dev.switchboard.importer.Finding;
import dev.switchboard.importer.ImportException;
import dev.switchboard.importer.RequestSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the words of one curl command as curl would (options, their arguments, URLs) into a {@link RequestSpec}.
 * Options that only change what curl prints or how it connects are accepted and reported as ignored; options that
 * need a file, a multipart upload or an auth scheme the engine lacks are refused with an error naming them.
 */
final class CurlCommandLine {
  private final List<Word> words;
  private String method = "";
  private boolean head;
  private boolean get;
  private boolean globoff;
  private final List<Word> urls = new ArrayList<>();
  private final List<RequestSpec.Header> headers = new ArrayList<>();
  private final List<String> data = new ArrayList<>();
  private final Set<String> dataVariables = new LinkedHashSet<>();
  private final List<String> urlQuery = new ArrayList<>();
  private String json;
  private boolean form;
  private RequestSpec.UserPassword user;
  private RequestSpec.Value bearer;
  private final Map<String, Finding> notes = new LinkedHashMap<>();

  private CurlCommandLine(List<Word> words) {
    this.words = words;
  }

  /**
   * Reads a curl command.
   *
   * @param words the command's words, {@code curl} first
   * @return the request it describes
   * @throws ImportException for an unknown or refused option, a missing argument, a file reference, no URL or
   *     several URLs
   */
  static RequestSpec read(List<Word> words) {
    return new CurlCommandLine(words).parse();
  }

  private RequestSpec parse() {
    for (int i = 1; i < words.size(); i++) {
      Word w = words.get(i);
      String t = w.text();
      if (t.startsWith("--") && t.length() > 2) {
        String name = t.substring(2);
        if (name.contains("=") && CurlOptions.longOption(name.substring(0, name.indexOf('='))).isPresent()) {
          throw new ImportException("curl does not take '" + t + "': write the option and its value as two words, '--"
              + name.substring(0, name.indexOf('=')) + " " + name.substring(name.indexOf('=') + 1) + "'");
        }
        CurlOptions.Option o = CurlOptions.longOption(name).orElseThrow(() -> unknown(t));
        Word arg = null;
        if (o.takesArgument()) {
          arg = argument(i, t);
          i++;
        }
        apply(o, t, arg, name.startsWith("no-") && !name.equals(o.name()));
      } else if (t.startsWith("-") && t.length() > 1) {
        for (int j = 1; j < t.length(); j++) {
          char c = t.charAt(j);
          String shown = "-" + c;
          CurlOptions.Option o = CurlOptions.shortOption(c).orElseThrow(() -> unknown(shown + (t.length() > 2 ? " (in '" + t + "')" : "")));
          if (o.takesArgument()) {
            Word arg;
            if (j + 1 < t.length()) {
              arg = new Word(t.substring(j + 1), w.variables(), w.line());
            } else {
              arg = argument(i, shown);
              i++;
            }
            apply(o, shown, arg, false);
            break;
          }
          apply(o, shown, null, false);
        }
      } else {
        urls.add(w);
      }
    }
    return build();
  }

  private Word argument(int i, String option) {
    if (i + 1 >= words.size()) {
      throw new ImportException("curl option '" + option + "' needs a value after it, but the command ends there");
    }
    return words.get(i + 1);
  }

  private ImportException unknown(String option) {
    String bare = option.replaceFirst("^-+", "").replaceFirst(" .*", "");
    String hint = Names.closest(bare, CurlOptions.longNames()).map(c -> "; did you mean '--" + c + "'?").orElse("");
    return new ImportException("unknown curl option '" + option + "'" + hint
        + " (docs/import.md lists the options an import reads, ignores and refuses)");
  }

  private void apply(CurlOptions.Option o, String shown, Word arg, boolean negated) {
    switch (o.use()) {
      case REFUSED -> throw new ImportException("curl option '" + shown + (arg == null ? "" : " " + excerpt(arg.text()))
          + "' " + o.why());
      case IGNORED -> notes.putIfAbsent(o.name(), Finding.ignored("option " + shown, shown + " " + o.why()));
      case READ -> read(o.name(), shown, arg, negated);
    }
  }

  private static String excerpt(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private void read(String name, String shown, Word arg, boolean negated) {
    switch (name) {
      case "request" -> method = arg.text().toUpperCase(Locale.ROOT);
      case "header" -> header(arg, shown);
      case "data", "data-ascii", "data-binary" -> {
        noFile(arg, shown);
        data.add(arg.text());
        dataVariables.addAll(arg.variables());
      }
      case "data-raw" -> {
        data.add(arg.text());
        dataVariables.addAll(arg.variables());
      }
      case "data-urlencode" -> {
        data.add(urlencoded(arg, shown));
        dataVariables.addAll(arg.variables());
        form = true;
      }
      case "json" -> {
        noFile(arg, shown);
        json = json == null ? arg.text() : json + arg.text();
        dataVariables.addAll(arg.variables());
      }
      case "url" -> urls.add(arg);
      case "url-query" -> urlQuery.add(urlencoded(arg, shown));
      case "user" -> {
        int colon = arg.text().indexOf(':');
        user = new RequestSpec.UserPassword(colon < 0 ? arg.text() : arg.text().substring(0, colon),
            colon < 0 ? Optional.empty() : Optional.of(arg.text().substring(colon + 1)), arg.variables());
      }
      case "oauth2-bearer" -> bearer = new RequestSpec.Value(arg.text(), arg.variables());
      case "get" -> get = !negated;
      case "head" -> head = !negated;
      case "globoff" -> globoff = !negated;
      case "basic" -> notes.putIfAbsent(name, Finding.ignored("option " + shown, shown + " is the default for -u; nothing to do"));
      case "user-agent" -> notes.putIfAbsent(name, Finding.ignored("option " + shown,
          shown + " was ignored: the engine sends its own User-Agent (switchboard/...)"));
      case "referer" -> notes.putIfAbsent(name, Finding.ignored("option " + shown,
          shown + " was ignored: a Referer only matters to browsers"));
      case "cookie" -> notes.putIfAbsent(name, Finding.ignored("option " + shown, shown
          + " was ignored and its value not kept: cookies carry a browser session, not a connector's credentials;"
          + " if the API needs a token, add it as an Authorization header or an API key"));
      default -> throw new IllegalStateException("curl option --" + name + " is marked READ but not read");
    }
  }

  private static void noFile(Word arg, String option) {
    if (arg.text().startsWith("@")) {
      throw new ImportException("curl option '" + option + " " + excerpt(arg.text()) + "' reads the body from "
          + (arg.text().equals("@-") ? "standard input" : "the file " + arg.text().substring(1))
          + ", which an import cannot see; paste the body itself: " + option + " '{...}'");
    }
  }

  /** Applies --data-urlencode's forms: content, =content, name=content, @file, name@file. */
  private static String urlencoded(Word arg, String option) {
    String t = arg.text();
    int eq = t.indexOf('=');
    int at = t.indexOf('@');
    if (at >= 0 && (eq < 0 || at < eq)) {
      throw new ImportException("curl option '" + option + " " + excerpt(t) + "' reads a value from the file "
          + t.substring(at + 1) + ", which an import cannot see; paste the value itself: " + option + " 'name=value'");
    }
    if (eq < 0) {
      return encode(t);
    }
    return (eq == 0 ? "" : t.substring(0, eq) + "=") + encode(t.substring(eq + 1));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private void header(Word arg, String option) {
    String t = arg.text();
    if (t.startsWith("@")) {
      throw new ImportException("curl option '" + option + " " + excerpt(t) + "' reads headers from the file "
          + t.substring(1) + ", which an import cannot see; give each header as -H 'Name: value'");
    }
    int colon = t.indexOf(':');
    if (colon < 0) {
      if (t.endsWith(";")) {
        headers.add(new RequestSpec.Header(t.substring(0, t.length() - 1).strip(), "", arg.variables()));
        return;
      }
      throw new ImportException("the header '" + excerpt(t) + "' (" + option + ") has no ':'; write it as -H 'Name: value'");
    }
    String name = t.substring(0, colon).strip();
    String value = t.substring(colon + 1).strip();
    if (name.isEmpty()) {
      throw new ImportException("the header '" + excerpt(t) + "' (" + option + ") has no name before ':'");
    }
    if (value.isEmpty()) {
      notes.put("header " + name, Finding.ignored("header " + name, "-H '" + name + ":' only stops curl sending its own "
          + name + " header; nothing to import"));
      return;
    }
    headers.add(new RequestSpec.Header(name, value, arg.variables()));
  }

  private RequestSpec build() {
    if (urls.isEmpty()) {
      throw new ImportException("the curl command has no URL; give one, such as curl https://api.example.com/v1/items");
    }
    if (urls.size() > 1) {
      throw new ImportException("the curl command has " + urls.size() + " URLs (" + urls.stream().map(w -> "'" + excerpt(w.text()) + "'")
          .reduce((a, b) -> a + ", " + b).orElse("") + "), so curl would make " + urls.size()
          + " requests; keep the one to import and import the others one at a time");
    }
    Word urlWord = urls.get(0);
    String url = globoff ? urlWord.text() : urlWord.text().replaceAll("\\\\([\\[\\]{}])", "$1");
    List<Finding> found = new ArrayList<>(notes.values());
    boolean hasData = !data.isEmpty() || json != null;
    String body = json != null ? (data.isEmpty() ? json : String.join("&", data) + json) : String.join("&", data);
    if (!urlQuery.isEmpty()) {
      url = appendQuery(url, String.join("&", urlQuery));
    }
    Optional<RequestSpec.Body> requestBody = Optional.empty();
    if (hasData && get) {
      url = appendQuery(url, body);
    } else if (hasData) {
      requestBody = Optional.of(new RequestSpec.Body(body, json != null, form));
    }
    List<RequestSpec.Header> all = new ArrayList<>(headers);
    if (json != null) {
      if (all.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
        all.add(new RequestSpec.Header("Content-Type", "application/json", Set.of()));
      }
    }
    String implied = head ? "HEAD" : get ? "GET" : hasData ? "POST" : "GET";
    boolean given = !method.isEmpty();
    String m = given ? method : implied;
    if (!m.matches("GET|POST|PUT|PATCH|DELETE|HEAD")) {
      throw new ImportException("-X " + m + ": Switchboard actions use GET, POST, PUT, PATCH, DELETE or HEAD");
    }
    Set<String> urlVars = new LinkedHashSet<>(urlWord.variables());
    if (get) {
      urlVars.addAll(dataVariables);
    }
    return new RequestSpec("cURL", m, given, url, urlVars, all, requestBody, Optional.ofNullable(user),
        Optional.ofNullable(bearer), Optional.empty(), found);
  }

  private static String appendQuery(String url, String query) {
    if (query.isEmpty()) {
      return url;
    }
    int hash = url.indexOf('#');
    String fragment = hash >= 0 ? url.substring(hash) : "";
    String base = hash >= 0 ? url.substring(0, hash) : url;
    return base + (base.contains("?") ? "&" : "?") + query + fragment;
  }
}
