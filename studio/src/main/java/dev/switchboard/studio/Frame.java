package dev.switchboard.studio;

/**
 * What every full page shows around its content: the title, the section of the navigation that is current, who is
 * signed in and the CSRF token htmx sends with every request.
 *
 * @param title the page's title
 * @param section connectors, runs, audit or agents
 * @param user the signed-in key's name
 * @param csrf the session's CSRF token
 */
public record Frame(String title, String section, String user, String csrf) {
  static Frame of(String title, String section, Visit visit) {
    return new Frame(title, section, visit.actor(), visit.csrf());
  }

  /** {@return the JSON of htmx's hx-headers attribute, carrying the CSRF token} */
  public String htmxHeaders() {
    return "{\"" + StudioAccess.CSRF_HEADER + "\": \"" + csrf + "\"}";
  }
}
