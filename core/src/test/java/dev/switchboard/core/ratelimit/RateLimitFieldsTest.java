package dev.switchboard.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.transport.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading rate-limit windows from the common headers and from headers a connector declares. */
class RateLimitFieldsTest {
  private static final String DATE = "Sun, 06 Nov 1994 08:49:37 GMT";
  private static final long DATE_SECONDS = 784111777L;

  private static Response response(Map<String, List<String>> headers) {
    return new Response(URI.create("https://api.example.com/x"), 200, headers, new byte[0], 1);
  }

  @Test
  void theIetfFieldsGiveTheMostConstrainingPolicyWithItsQuota() {
    RateLimitHeaders h = RateLimitFields.STANDARD.read(response(Map.of("date", List.of(DATE),
        "ratelimit-policy", List.of("\"hour\";q=1000;w=3600, \"burst\";q=10;w=5"),
        "ratelimit", List.of("\"hour\";r=900;t=1800", "\"burst\";r=3;t=4"))), 0);
    assertThat(h).isEqualTo(new RateLimitHeaders(10, 3, DATE_SECONDS + 4, DATE_SECONDS * 1000, false));
  }

  @Test
  void anIetfLimitWithoutTTakesItsPolicysWindowAsTheLatestReset() {
    RateLimitHeaders h = RateLimitFields.STANDARD.read(response(Map.of("date", List.of(DATE),
        "ratelimit-policy", List.of("\"default\";q=100;w=60"), "ratelimit", List.of("\"default\";r=0"))), 0);
    assertThat(h.resetEpochSeconds()).isEqualTo(DATE_SECONDS + 60);
    assertThat(h.remaining()).isZero();
  }

  @Test
  void theEarlierDraftsSeparateFieldsResetInDeltaSecondsFromTheDateOrFromNow() {
    assertThat(RateLimitFields.STANDARD.read(response(Map.of("date", List.of(DATE), "ratelimit-limit", List.of("50"),
        "ratelimit-remaining", List.of("7"), "ratelimit-reset", List.of("30"))), 0))
        .isEqualTo(new RateLimitHeaders(50, 7, DATE_SECONDS + 30, DATE_SECONDS * 1000, false));
    assertThat(RateLimitFields.STANDARD.read(response(Map.of("ratelimit-remaining", List.of("7"),
        "ratelimit-reset", List.of("30"))), 1_000_000_500L).resetEpochSeconds()).isEqualTo(1_000_000 + 30);
  }

  @Test
  void githubStyleHeadersResetInEpochSeconds() {
    assertThat(RateLimitFields.STANDARD.read(response(Map.of("x-ratelimit-limit", List.of("5000"),
        "x-ratelimit-remaining", List.of("4999"), "x-ratelimit-reset", List.of("1372700873"))), 0))
        .isEqualTo(new RateLimitHeaders(5000, 4999, 1372700873, -1, false));
  }

  @Test
  void declaredHeadersReadTheMostConservativeOfDuplicates() {
    RateLimitFields okta = RateLimitFields.declared("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset",
        RateLimitFields.ResetFormat.EPOCH_SECONDS, true);
    RateLimitHeaders h = okta.read(response(Map.of("x-rate-limit-limit", List.of("600, 100"),
        "x-rate-limit-remaining", List.of("90", "12"), "x-rate-limit-reset", List.of("1700000060, 1700000050"))), 0);
    assertThat(h).isEqualTo(new RateLimitHeaders(100, 12, 1700000060, -1, false));
    assertThat(okta.read(response(Map.of("x-rate-limit-limit", List.of("0"), "x-rate-limit-remaining", List.of("0"),
        "x-rate-limit-reset", List.of("1700000060"))), 0).concurrencyLimited()).isTrue();
  }

  @Test
  void aDeclaredResetMayBeAnHttpDateOrDeltaSeconds() {
    RateLimitFields date = RateLimitFields.declared("", "X-Left", "X-Reset-At", RateLimitFields.ResetFormat.HTTP_DATE, false);
    assertThat(date.read(response(Map.of("x-left", List.of("1"), "x-reset-at", List.of(DATE))), 0).resetEpochSeconds())
        .isEqualTo(DATE_SECONDS);
    RateLimitFields delta = RateLimitFields.declared("", "X-Left", "X-Reset-In", RateLimitFields.ResetFormat.DELTA_SECONDS, false);
    assertThat(delta.read(response(Map.of("date", List.of(DATE), "x-left", List.of("1"), "x-reset-in", List.of("9"))), 0)
        .resetEpochSeconds()).isEqualTo(DATE_SECONDS + 9);
  }

  @Test
  void noneReadsNothingButTheDate() {
    assertThat(RateLimitFields.NONE.read(response(Map.of("date", List.of(DATE), "x-ratelimit-remaining", List.of("1"))), 0))
        .isEqualTo(RateLimitHeaders.none(DATE_SECONDS * 1000));
    assertThat(RateLimitFields.NONE.paces()).isFalse();
  }
}
