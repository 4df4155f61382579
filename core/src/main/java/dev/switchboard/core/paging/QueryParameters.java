package dev.switchboard.core.paging;

import dev.switchboard.core.template.Escaper;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and replaces one query parameter of a URI, leaving every other parameter's bytes as they were. */
final class QueryParameters {
  private QueryParameters() {}

  /** Returns the decoded value of the first parameter named {@code name}, or empty. */
  static Optional<String> get(URI uri, String name) {
    if (uri.getRawQuery() == null) {
      return Optional.empty();
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** Returns the URI with parameter {@code name} set to {@code value} (encoded once), replacing every occurrence. */
  static URI with(URI uri, String name, String value) {
    List<String> pairs = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (!key.equals(name) && !pair.isEmpty()) {
          pairs.add(pair);
        }
      }
    }
    pairs.add(Escaper.percentEncode(name) + "=" + Escaper.percentEncode(value));
    try {
      return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + String.join("&", pairs));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot set query parameter " + name, e);
    }
  }
}
