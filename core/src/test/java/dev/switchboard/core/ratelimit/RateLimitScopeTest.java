package dev.switchboard.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The scope of a connector's rate limits is its base URL's origin, however the URL was spelt. */
class RateLimitScopeTest {
  @Test
  void spellingsOfOneOriginShareAScopeAndOtherOriginsDoNot() {
    String acme = RateLimitInterceptor.scopeOf(URI.create("https://acme.okta.com"));
    assertThat(acme).isEqualTo("https://acme.okta.com");
    assertThat(RateLimitInterceptor.scopeOf(URI.create("HTTPS://Acme.Okta.com:443/api/v1"))).isEqualTo(acme);
    assertThat(RateLimitInterceptor.scopeOf(URI.create("https://user@acme.okta.com/"))).isEqualTo(acme);
    assertThat(RateLimitInterceptor.scopeOf(URI.create("https://acme.okta.com:8443"))).isEqualTo("https://acme.okta.com:8443");
    assertThat(RateLimitInterceptor.scopeOf(URI.create("http://acme.okta.com"))).isEqualTo("http://acme.okta.com");
    assertThat(RateLimitInterceptor.scopeOf(URI.create("http://127.0.0.1:80/x"))).isEqualTo("http://127.0.0.1");
    assertThat(RateLimitInterceptor.scopeOf(URI.create("http://[::1]:8080"))).isEqualTo("http://[::1]:8080");
  }
}
