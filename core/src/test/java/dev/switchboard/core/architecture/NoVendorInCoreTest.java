package dev.switchboard.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core knows no vendor: what a service does (its error body, rate-limit headers, request id, retry headers) is
 * declared in its connector's YAML, so the code of core's main sources (its comments aside) never names one.
 */
class NoVendorInCoreTest {
  private static final List<String> VENDORS = List.of("okta");

  @Test
  void coresMainCodeNamesNoVendor() throws IOException {
    Path sources = Path.of("src", "main", "java");
    assertThat(sources).as("core's main sources, from the module directory").isDirectory();
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String[] lines = withoutComments(Files.readString(file)).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          String lower = lines[i].toLowerCase(Locale.ROOT);
          for (String vendor : VENDORS) {
            if (lower.contains(vendor)) {
              found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
            }
          }
        }
      }
    }
    assertThat(found).as("vendor names in core's code; declare the behaviour in the connector's YAML instead").isEmpty();
  }

  /** Blanks out comments (keeping line breaks), leaving string and character literals as they are. */
  static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      char next = i + 1 < source.length() ? source.charAt(i + 1) : '\0';
      if (c == '/' && next == '/') {
        while (i < source.length() && source.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && next == '*') {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? source.length() : end + 2;
        source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end;
      } else if (c == '"' || c == '\'') {
        int start = i;
        boolean block = c == '"' && source.startsWith("\"\"\"", i);
        String close = block ? "\"\"\"" : String.valueOf(c);
        i += block ? 3 : 1;
        while (i < source.length() && !source.startsWith(close, i)) {
          i += source.charAt(i) == '\\' ? 2 : 1;
        }
        i = Math.min(source.length(), i + close.length());
        out.append(source, start, i);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  @Test
  void commentsAreLeftOutAndStringsKept() {
    assertThat(withoutComments("a // okta\nb /* okta\n */ \"http://okta\" 'x'"))
        .isEqualTo("a \nb \n \"http://okta\" 'x'");
  }
}
