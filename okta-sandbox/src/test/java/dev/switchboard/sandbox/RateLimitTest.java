package dev.switchboard.sandbox;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Rate-limit headers on every response and 429 E0000047 over the limit (OKTA-WIRE.md "Rate limits"). */
class RateLimitTest {

    @Test
    void everyResponseCarriesRateLimitRequestIdDateAndJsonHeadersErrorsIncluded() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).build()) {
            sandbox.start();
            String token = sandbox.createApiToken("headers");
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), token);
            List<HttpResponse<String>> responses = List.of(
                    client.get("/api/v1/users"),
                    client.send("GET", "/api/v1/users", Optional.empty()),
                    client.send("GET", "/api/v1/users", Optional.of("SSWS wrong")),
                    client.get("/api/v1/users/nobody"),
                    client.get("/api/v1/unknown"),
                    client.send("PATCH", "/api/v1/users", Optional.of("SSWS " + token)),
                    client.get("/api/v1/users?limit=x"));

            assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 403, 401, 404, 404, 405, 400);
            Set<String> requestIds = new HashSet<>();
            for (HttpResponse<String> response : responses) {
                assertThat(response.headers().firstValue("X-Rate-Limit-Limit").orElseThrow()).matches("[0-9]+");
                assertThat(response.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow()).matches("[0-9]+");
                assertThat(response.headers().firstValue("X-Rate-Limit-Reset").orElseThrow()).matches("[0-9]{10}");
                assertThat(response.headers().firstValue("Date")).isPresent();
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
                requestIds.add(response.headers().firstValue("X-Okta-Request-Id").orElseThrow());
            }
            assertThat(requestIds).hasSize(responses.size());
        }
    }

    @Test
    void aRequestOverTheLimitIs429E0000047() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(3).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("limited"));
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
            }

            HttpResponse<String> refused = client.get("/api/v1/users");

            assertError(refused, 429, "E0000047", "API call exceeded rate limit due to too many requests.");
            assertThat(refused.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
        }
    }

    @Test
    void remainingCountsDownWithinAWindow() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(10).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("count"));

            assertThat(client.get("/api/v1/users").headers().firstValue("X-Rate-Limit-Remaining")).hasValue("9");
            assertThat(client.get("/api/v1/users").headers().firstValue("X-Rate-Limit-Remaining")).hasValue("8");
        }
    }

    @Test
    void theResetIsTheWindowsEndInEpochSeconds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.250Z"));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).clock(clock).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("reset"));

            HttpResponse<String> response = client.get("/api/v1/users");

            // a window of whole seconds starts on the whole second of its first request, so the reset is exact
            long windowEnd = Instant.parse("2026-01-01T00:01:00Z").getEpochSecond();
            assertThat(response.headers().firstValue("X-Rate-Limit-Reset")).hasValue(Long.toString(windowEnd));
        }
    }

    @Test
    void theWindowReopensAtTheAdvertisedResetNotBefore() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.700Z"));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(1).rateLimitWindow(Duration.ofSeconds(2)).clock(clock).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("edge"));
            HttpResponse<String> first = client.get("/api/v1/users");
            assertThat(first.statusCode()).isEqualTo(200);
            long reset = Long.parseLong(first.headers().firstValue("X-Rate-Limit-Reset").orElseThrow());
            assertThat(reset).isEqualTo(Instant.parse("2026-01-01T00:00:02Z").getEpochSecond());

            clock.advance(Duration.ofMillis(1299)); // 00:00:01.999, a millisecond before the reset
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(429);
            clock.advance(Duration.ofMillis(1)); // 00:00:02.000, the reset
            HttpResponse<String> reopened = client.get("/api/v1/users");
            assertThat(reopened.statusCode()).isEqualTo(200);
            assertThat(reopened.headers().firstValue("X-Rate-Limit-Reset")).hasValue(Long.toString(reset + 2));
        }
    }

    @Test
    void aWindowOfPartSecondsStartsAtItsFirstRequestAndRoundsItsResetUp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00.700Z"));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(1).rateLimitWindow(Duration.ofMillis(1500)).clock(clock).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("part"));
            HttpResponse<String> first = client.get("/api/v1/users");
            // ends at 00:00:02.200, advertised as 00:00:03
            assertThat(first.headers().firstValue("X-Rate-Limit-Reset")).hasValue(Long.toString(Instant.parse("2026-01-01T00:00:03Z").getEpochSecond()));
            clock.advance(Duration.ofMillis(1499));
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(429);
            clock.advance(Duration.ofMillis(1));
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aNewWindowStartsAfterTheResetAndAdmitsRequestsAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(1).clock(clock).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("window"));
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(429);

            clock.advance(Duration.ofSeconds(60));

            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void listingAndGettingOneUserAreCountedInSeparateBuckets() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(1).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("buckets"));
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);

            assertThat(client.get("/api/v1/users/nobody").statusCode()).isEqualTo(404);
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void eachBucketHasOktasTypicalLimitByExactPathThenLongestPrefix() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("buckets"));

            assertThat(limit(client.get("/api/v1/users"))).isEqualTo("600");
            assertThat(limit(client.get("/api/v1/users/nobody"))).isEqualTo("2000");
            assertThat(limit(client.post("/api/v1/users/nobody", "{}"))).isEqualTo("600");
            assertThat(limit(client.get("/api/v1/groups"))).isEqualTo("500");
            assertThat(limit(client.get("/api/v1/groups/00gNobody/users"))).isEqualTo("500");
            assertThat(limit(client.get("/api/v1/logs"))).isEqualTo("120");
            assertThat(limit(client.get("/api/v1/api-tokens"))).isEqualTo("1200");
            assertThat(limit(client.post("/api/v1/users/nobody/lifecycle/suspend", ""))).isEqualTo("1200");
        }
    }

    @Test
    void oneBucketsLimitCanBeSetAlone() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit("/api/v1/logs", 2).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("logs bucket"));
            client.get("/api/v1/logs");
            client.get("/api/v1/logs");

            assertThat(client.get("/api/v1/logs").statusCode()).isEqualTo(429);
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownBucketNameIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OktaSandbox.builder().rateLimit("/api/v2/things", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/api/v1/logs");
    }

    @Test
    void aShortWindowRefillsInRealTime() throws InterruptedException {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(2).rateLimitWindow(Duration.ofMillis(300)).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("short window"));
            client.get("/api/v1/users");
            client.get("/api/v1/users");
            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(429);

            Thread.sleep(350);

            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    private static String limit(HttpResponse<String> response) {
        return response.headers().firstValue("X-Rate-Limit-Limit").orElseThrow();
    }

    /** A clock that tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
