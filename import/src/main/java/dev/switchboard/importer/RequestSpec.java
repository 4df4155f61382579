package dev.switchboard.importer;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP request as an input described it (a cURL command, an Invoke-WebRequest call, a Postman request), before
 * it is turned into a connector and an action by {@link RequestImporter}. Values keep their placeholders and the
 * shell variables they referred to; nothing here has been decided yet.
 *
 * @param source how the request was given, for comments and messages ({@code cURL}, {@code Invoke-WebRequest},
 *     {@code Postman request "List users"})
 * @param method the HTTP method, upper case
 * @param methodGiven whether the method was stated (-X) rather than implied (GET, or POST for a body)
 * @param url the URL as given (it may hold placeholders such as {@code ${yourOktaDomain}})
 * @param urlVariables shell variables the URL referred to
 * @param headers the request headers, in order
 * @param body the body, if any
 * @param user credentials given apart from the headers (curl's -u, Postman's basic auth)
 * @param bearer a bearer token given apart from the headers (curl's --oauth2-bearer, Postman's bearer auth)
 * @param apiKey an API key given apart from the headers and query (Postman's API key auth)
 * @param notes findings made while reading the input (ignored options and the like)
 */
public record RequestSpec(String source, String method, boolean methodGiven, String url, Set<String> urlVariables,
    List<Header> headers, Optional<Body> body, Optional<UserPassword> user, Optional<Value> bearer, Optional<ApiKey> apiKey,
    List<Finding> notes) {

  /**
   * An API key sent in a header or a query parameter of the caller's choosing.
   *
   * @param name the header or parameter name
   * @param value the key (or a placeholder)
   * @param inQuery true for a query parameter
   */
  public record ApiKey(String name, Value value, boolean inQuery) {}

  /** Returns a copy with other notes. */
  public RequestSpec withNotes(List<Finding> newNotes) {
    return new RequestSpec(source, method, methodGiven, url, urlVariables, headers, body, user, bearer, apiKey, List.copyOf(newNotes));
  }

  /**
   * A text value and the shell variables it referred to.
   *
   * @param text the text
   * @param variables the variables (empty for a literal)
   */
  public record Value(String text, Set<String> variables) {}

  /**
   * A request header.
   *
   * @param name the name as written
   * @param value the value
   * @param variables shell variables the value referred to
   */
  public record Header(String name, String value, Set<String> variables) {}

  /**
   * A request body.
   *
   * @param text the body as it would be sent
   * @param declaredJson true when the input said it is JSON (curl's --json, a JSON raw body in Postman)
   * @param form true when it is form data by construction (curl's --data-urlencode, Postman's urlencoded mode)
   */
  public record Body(String text, boolean declaredJson, boolean form) {}

  /**
   * A user name and password (HTTP Basic).
   *
   * @param user the user name
   * @param password the password; empty when none was given (curl would prompt for it)
   * @param variables shell variables either referred to
   */
  public record UserPassword(String user, Optional<String> password, Set<String> variables) {}
}
