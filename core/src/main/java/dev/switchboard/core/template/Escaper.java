package dev.switchboard.core.template;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Encodes one interpolated value for the place in a request where it lands.
 *
 * <p>Each constant is one location: a value placed with {@link #PATH_SEGMENT} can never add a segment,
 * a query, or a fragment to a URL; a value placed with {@link #QUERY_COMPONENT} can never add a
 * parameter; a value placed with {@link #HEADER_VALUE} can never add a header. Values that cannot be
 * encoded safely for their location are refused with an {@link IllegalArgumentException} whose
 * message says what was wrong (it never repeats the value, which may be a secret).
 *
 * <p>Sources: RFC 3986 section 2.3 (unreserved characters) and 3.3 (dot segments); RFC 9110
 * section 5.5 (field values may not contain CR, LF or NUL).
 */
public enum Escaper {
  /** The value verbatim. Only for values that never come from a caller, such as a connector's base URL. */
  NONE {
    @Override
    public String escape(String value) {
      return value;
    }
  },
  /**
   * Exactly one URL path segment: every byte outside RFC 3986's unreserved set is percent-encoded
   * (so {@code /}, {@code ?}, {@code #} and {@code %} cannot change the path). An empty value and the
   * dot segments {@code .} and {@code ..} are refused, since they would change which resource is named.
   */
  PATH_SEGMENT {
    @Override
    public String escape(String value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("a path value may not be empty");
      }
      if (value.chars().allMatch(c -> c == '.')) {
        throw new IllegalArgumentException("a path value may not be '.' or '..' (it would change the path)");
      }
      return percentEncode(value);
    }
  },
  /**
   * One query component, encoded exactly once: every byte outside RFC 3986's unreserved set is
   * percent-encoded, so a space is {@code %20}, {@code +} is {@code %2B}, {@code @} is {@code %40}
   * and {@code &} or {@code =} cannot start another parameter.
   */
  QUERY_COMPONENT {
    @Override
    public String escape(String value) {
      return percentEncode(value);
    }
  },
  /**
   * A header field value: CR, LF, NUL and other control characters are refused (RFC 9110 section 5.5), and so
   * are characters outside Latin-1, which an HTTP/1.1 header cannot carry; horizontal tab and everything else
   * is kept.
   */
  HEADER_VALUE {
    @Override
    public String escape(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException("a header value may not contain CR, LF or NUL characters");
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new IllegalArgumentException("a header value may not contain control characters");
        }
        if (c > 0xff) {
          throw new IllegalArgumentException("a header value may hold only Latin-1 characters; this one holds U+"
              + String.format(Locale.ROOT, "%04X", (int) c));
        }
      }
      return value;
    }
  },
  /** Mustache's own HTML escaping ({@code & < > " '}), for text templates and the Mustache specification's tests. */
  HTML {
    @Override
    public String escape(String value) {
      StringBuilder out = new StringBuilder(value.length() + 16);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append("&quot;");
          case '\'' -> out.append("&#39;");
          default -> out.append(c);
        }
      }
      return out.toString();
    }
  };

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Encodes a value for this location.
   *
   * @param value the raw value, never null
   * @return the encoded text
   * @throws IllegalArgumentException when the value cannot be placed here safely (the message does not
   *     contain the value)
   */
  public abstract String escape(String value);

  /**
   * Percent-encodes the UTF-8 bytes of {@code value}, keeping only RFC 3986 unreserved characters
   * ({@code A-Z a-z 0-9 - . _ ~}).
   *
   * @param value any text
   * @return the encoded text, using upper-case hex digits
   */
  public static String percentEncode(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      if (!isUnreserved(value.charAt(i))) {
        out = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
          int c = b & 0xFF;
          if (isUnreserved((char) c)) {
            out.append((char) c);
          } else {
            out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
          }
        }
        break;
      }
    }
    return out == null ? value : out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
