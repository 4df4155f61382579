package dev.switchboard.core.transport;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a request header field must follow to be sent, shared by definition loading (which reports them as
 * problems) and the transport (which refuses to send a request that breaks them).
 */
public final class HeaderFields {
  /** An RFC 9110 field name: a token (RFC 9110, section 5.1). */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Header names the HTTP client sets itself and refuses from callers (the set java.net.http restricts). */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");

  private HeaderFields() {}

  /** Returns whether a name is a valid field name: RFC 9110 token characters only. */
  public static boolean validName(String name) {
    return TOKEN.matcher(name).matches();
  }

  /** Returns whether a name is one only the HTTP client itself may set, compared case-insensitively. */
  public static boolean restricted(String name) {
    return RESTRICTED.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns the index of the first character a header value cannot carry (a control character other than tab, DEL,
   * or anything outside Latin-1), or -1 when there is none.
   */
  public static int unsafeCharAt(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return i;
      }
    }
    return -1;
  }
}
