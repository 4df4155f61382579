package dev.switchboard.importer;

import dev.switchboard.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the credentials in a request and turns them into a connector's auth config, taking the secret out:
 * {@code Authorization: SSWS x} is an API key sent as {@code SSWS {{secret}}}, {@code Authorization: Bearer x} a
 * bearer token, {@code Authorization: Basic ...} or {@code -u user:pass} HTTP Basic (the user name a setting, the
 * password the secret), a header such as {@code X-API-Key} an API key in that header, and a parameter such as
 * {@code ?api_key=} an API key in the query. A placeholder ({@code YOUR_API_KEY_HERE}, {@code ${api_token}}) is
 * never stored; the report says which secret to set. A connector has one auth config: a second credential is
 * dropped (its value not kept) and reported.
 */
final class AuthDetection {
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s+(\\S.*)");
  private static final Pattern KEY_HEADER = Pattern.compile(
      "(?i)(x-)?(api[-_]?key|apikey|api[-_]?token|auth[-_]?token|access[-_]?token|private[-_]?token|token|secret|"
          + ".*-api-key|.*-subscription-key|.*-app-key|.*-application-key)");
  private static final Pattern KEY_PARAM = Pattern.compile(
      "(?i)api[-_]?key|apikey|key|token|access[-_]?token|api[-_]?token|auth[-_]?token|private[-_]?token");

  /**
   * What was recognised.
   *
   * @param auth the auth config
   * @param settings settings the auth config needs (the Basic user name)
   * @param secrets real secret values found, to be stored
   * @param headers lower-case names of the headers it used (not to be copied into the action)
   * @param queryParam the query parameter it used, if any
   * @param findings what was guessed and left to the user
   */
  record Outcome(AuthDraft auth, List<Setting> settings, List<Secret> secrets, Set<String> headers,
      Optional<String> queryParam, List<Finding> findings) {}

  private final RequestSpec spec;
  private final UrlParts url;
  private final String connector;
  private final boolean okta;
  private final List<Finding> findings = new ArrayList<>();
  private final List<Secret> secrets = new ArrayList<>();
  private final List<Setting> settings = new ArrayList<>();
  private final Set<String> usedHeaders = new LinkedHashSet<>();
  private Optional<String> usedParam = Optional.empty();
  private AuthDraft auth;
  private String authSource = "";

  private AuthDetection(RequestSpec spec, UrlParts url, String connector, boolean okta) {
    this.spec = spec;
    this.url = url;
    this.connector = connector;
    this.okta = okta;
  }

  /**
   * Recognises the credentials of a request.
   *
   * @param spec the request
   * @param url its URL, parsed
   * @param connector the connector's name (secret and setting names start with it)
   * @param okta whether the host is an Okta org (API tokens are then sent as {@code SSWS <token>})
   * @return the auth config and what goes with it
   */
  static Outcome detect(RequestSpec spec, UrlParts url, String connector, boolean okta) {
    return new AuthDetection(spec, url, connector, okta).run();
  }

  private Outcome run() {
    spec.apiKey().ifPresent(k -> {
      String source = spec.source().startsWith("Postman") ? "the API key auth" : "the API key";
      if (k.inQuery()) {
        apiKey(true, k.name(), "{{secret}}", k.value().text(), k.value().variables(), source, "api_key");
        usedParam = Optional.of(k.name());
      } else {
        Matcher m = SCHEME.matcher(k.value().text().strip());
        boolean scheme = k.name().equalsIgnoreCase("Authorization") && m.matches();
        apiKey(false, k.name(), scheme ? m.group(1) + " {{secret}}" : "{{secret}}", scheme ? m.group(2) : k.value().text(),
            k.value().variables(), source, k.name().equalsIgnoreCase("Authorization") ? "api_token" : "api_key");
        usedHeaders.add(k.name().toLowerCase(Locale.ROOT));
      }
    });
    spec.bearer().ifPresent(b -> bearer(b.text(), b.variables(), spec.source().startsWith("Postman") ? "the bearer auth" : "--oauth2-bearer"));
    for (RequestSpec.Header h : spec.headers()) {
      String lower = h.name().toLowerCase(Locale.ROOT);
      if (lower.equals("authorization")) {
        authorization(h);
      } else if (KEY_HEADER.matcher(h.name()).matches()) {
        apiKey(false, h.name(), "{{secret}}", h.value(), h.variables(), "the " + h.name() + " header", "api_key");
        usedHeaders.add(lower);
      }
    }
    spec.user().ifPresent(u -> basic(u.user(), u.password(), u.variables(), "-u"));
    url.userInfo().ifPresent(info -> {
      int colon = info.indexOf(':');
      basic(UrlParts.decode(colon < 0 ? info : info.substring(0, colon)),
          colon < 0 ? Optional.empty() : Optional.of(UrlParts.decode(info.substring(colon + 1))), Set.of(), "the URL's user info");
    });
    for (UrlParts.QueryParameter p : url.query()) {
      if (KEY_PARAM.matcher(p.name()).matches() && p.hasValue()) {
        if (apiKey(true, p.name(), "{{secret}}", p.value(), spec.urlVariables(), "the query parameter " + p.name(), "api_key")) {
          usedParam = Optional.of(p.name());
        } else {
          usedParam = usedParam.or(() -> Optional.of(p.name()));
        }
      }
    }
    if (auth == null) {
      auth = new AuthDraft.None();
      findings.add(Finding.guessed("auth", "no credentials in the request: the connector has auth type none;"
          + " if the API needs a key, add it to connector.yaml (docs/definitions.md, \"Auth configs\")"));
    }
    return new Outcome(auth, settings, secrets, usedHeaders, usedParam, findings);
  }

  private void authorization(RequestSpec.Header h) {
    usedHeaders.add("authorization");
    String value = h.value().strip();
    Matcher m = SCHEME.matcher(value);
    if (m.matches()) {
      String scheme = m.group(1);
      String credential = m.group(2).strip();
      switch (scheme.toLowerCase(Locale.ROOT)) {
        case "bearer" -> bearer(credential, h.variables(), "the Authorization header");
        case "basic" -> {
          String decoded = decodeBasic(credential);
          if (decoded != null && decoded.indexOf(':') > 0) {
            int colon = decoded.indexOf(':');
            basic(decoded.substring(0, colon), Optional.of(decoded.substring(colon + 1)), h.variables(), "the Authorization header");
          } else {
            apiKey(false, "Authorization", "Basic {{secret}}", credential, h.variables(), "the Authorization header", "api_key");
          }
        }
        default -> apiKey(false, "Authorization", scheme + " {{secret}}", credential, h.variables(), "the Authorization header",
            "api_token");
      }
      return;
    }
    if (okta) {
      apiKey(false, "Authorization", "SSWS {{secret}}", value, h.variables(), "the Authorization header", "api_token");
      findings.add(Finding.guessed("auth", "the Authorization header has no scheme; Okta API tokens are sent as"
          + " 'SSWS <token>' (Security > API > Tokens), so the format is \"SSWS {{secret}}\""));
    } else {
      apiKey(false, "Authorization", "{{secret}}", value, h.variables(), "the Authorization header", "api_token");
    }
  }

  private static String decodeBasic(String credential) {
    try {
      return new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private boolean second(String source) {
    if (auth == null) {
      authSource = source;
      return false;
    }
    findings.add(Finding.ignored("auth", source + " was dropped and its value not kept: a connector has one auth config,"
        + " taken from " + authSource));
    return true;
  }

  private void bearer(String token, Set<String> variables, String source) {
    if (second(source)) {
      return;
    }
    String secret = connector + "_token";
    auth = new AuthDraft.Bearer(secret);
    findings.add(Finding.guessed("auth", "bearer token from " + source + ": auth type bearer, secret " + secret));
    keep(secret, token, variables);
  }

  /** Returns true when this became the auth config. */
  private boolean apiKey(boolean inQuery, String target, String format, String value, Set<String> variables, String source,
      String suffix) {
    if (second(source)) {
      return false;
    }
    String secret = connector + "_" + suffix;
    auth = new AuthDraft.ApiKey(inQuery, target, format, secret);
    findings.add(Finding.guessed("auth", "API key from " + source + ": auth type api_key in the "
        + (inQuery ? "query parameter " : "header ") + target + (format.equals("{{secret}}") ? "" : " with format \"" + format + "\"")
        + ", secret " + secret));
    keep(secret, value, variables);
    return true;
  }

  private void basic(String user, Optional<String> password, Set<String> variables, String source) {
    if (password.isEmpty() || password.get().isEmpty()) {
      // the user name is the credential (as Stripe's API keys are): send Basic base64(user:) as a stored value
      if (second(source)) {
        return;
      }
      String secret = connector + "_api_key";
      auth = new AuthDraft.ApiKey(false, "Authorization", "Basic {{secret}}", secret);
      boolean placeholder = Placeholders.isPlaceholder(user, variables);
      findings.add(Finding.guessed("auth", source + " gives a user name and no password, so the user name is the key"
          + " (as with Stripe): auth type api_key sending \"Basic {{secret}}\"; the secret " + secret
          + " holds the Basic credential, base64 of '<key>:' (store it with: printf %s 'KEY:' | base64 | switchboard secrets set "
          + secret + ")"));
      if (placeholder) {
        placeholderFound(secret, user);
      } else {
        secrets.add(new Secret(secret, Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8)),
            "the imported " + spec.source()));
      }
      return;
    }
    if (second(source)) {
      return;
    }
    String secret = connector + "_password";
    String setting = "username";
    settings.add(new Setting(setting, "the user name for HTTP Basic authentication", Naming.env(connector + "_" + setting),
        Placeholders.isPlaceholder(user, variables) ? "" : user));
    auth = new AuthDraft.Basic(setting, secret);
    findings.add(Finding.guessed("auth", "user name and password from " + source + ": auth type basic, the user name in the"
        + " setting " + setting + " (" + Naming.env(connector + "_" + setting) + "), the password in the secret " + secret));
    keep(secret, password.get(), variables);
  }

  private void keep(String secret, String value, Set<String> variables) {
    if (Placeholders.isPlaceholder(value, variables)) {
      placeholderFound(secret, value);
      return;
    }
    secrets.add(new Secret(secret, value.strip(), "the imported " + spec.source()));
    findings.add(Finding.guessed("auth", "the credential was taken out of the " + spec.source() + " and goes to the secret"
        + " store as " + secret + "; it is not in any YAML"));
  }

  private void placeholderFound(String secret, String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    findings.add(Finding.leftToUser("secret " + secret, "'" + shown + "' is a placeholder, not a secret: nothing was stored;"
        + " store the real value with 'switchboard secrets set " + secret + "' or set " + Naming.env(secret)));
  }
}
