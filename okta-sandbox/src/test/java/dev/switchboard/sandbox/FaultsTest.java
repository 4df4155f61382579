package dev.switchboard.sandbox;

import dev.switchboard.sandbox.faults.Faults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The concurrency limit and each fault option (OKTA-WIRE.md "Rate limits", "Compression"). */
class FaultsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> raw(OktaSandbox sandbox, String token, String path, String acceptEncoding)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + path))
                .header("Authorization", "SSWS " + token);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void overTheConcurrencyLimitIs429WithLimitAndRemainingZero() throws Exception {
        Faults slow = Faults.NONE.withLatency(Duration.ofMillis(400));
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).concurrencyLimit(1).faults(slow).build()) {
            sandbox.start();
            String token = sandbox.createApiToken("concurrency");
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(sandbox.orgUrl() + "/api/v1/users"))
                        .header("Authorization", "SSWS " + token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> refused = new ArrayList<>();
            int ok = 0;
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    refused.add(response);
                }
            }

            assertThat(ok).isGreaterThanOrEqualTo(1);
            assertThat(refused).isNotEmpty().allSatisfy(response -> {
                assertError(response, 429, "E0000047", "API call exceeded rate limit due to too many requests.");
                assertThat(response.headers().firstValue("X-Rate-Limit-Limit")).hasValue("0");
                assertThat(response.headers().firstValue("X-Rate-Limit-Remaining")).hasValue("0");
            });
        }
    }

    @Test
    void requestsThatEndInErrorsReleaseTheirConcurrencySlot() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).concurrencyLimit(1).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("slots"));
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/api/v1/users/nobody").statusCode()).isEqualTo(404);
                assertThat(client.get("/api/v1/users?limit=x").statusCode()).isEqualTo(400);
            }

            assertThat(client.get("/api/v1/users").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void latencyDelaysEveryApiRequest() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).faults(Faults.NONE.withLatency(Duration.ofMillis(200))).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("latency"));
            long start = System.nanoTime();

            client.get("/api/v1/users");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void anErrorRateOfOneAnswersAlternately500And503WithOktaBodies() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).faults(Faults.NONE.withErrorRate(1)).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("errors"));

            assertError(client.get("/api/v1/users"), 500, "E0000009", "Internal Server Error");
            assertError(client.get("/api/v1/users"), 503, "E0000010", "Service is in read only mode");
        }
    }

    @Test
    void htmlErrorsAreHtmlPagesLikeAFrontEndSends() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3)
                .faults(Faults.NONE.withErrorRate(1).withHtmlErrors(true)).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("html"));

            HttpResponse<String> response = client.get("/api/v1/users");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(response.body()).startsWith("<!DOCTYPE html>");
        }
    }

    @Test
    void anErrorRateOfZeroPointFiveFailsSomeAndNotAllRequests() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).faults(Faults.NONE.withErrorRate(0.5)).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("half"));
            int failed = 0;
            for (int i = 0; i < 40; i++) {
                failed += client.get("/api/v1/users").statusCode() >= 500 ? 1 : 0;
            }

            assertThat(failed).isBetween(5, 35);
        }
    }

    @Test
    void duplicatedRateLimitHeadersComeTwiceWithTheTrueValueMostConservative() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).rateLimit(10)
                .faults(Faults.NONE.withDuplicateRateLimitHeaders(true)).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("dup"));

            HttpResponse<String> response = client.get("/api/v1/users");

            List<String> remaining = response.headers().allValues("X-Rate-Limit-Remaining");
            assertThat(remaining).hasSize(2);
            assertThat(remaining.stream().mapToInt(Integer::parseInt).min().orElseThrow()).isEqualTo(9);
            assertThat(response.headers().allValues("X-Rate-Limit-Limit")).containsExactlyInAnyOrder("20", "10");
            assertThat(response.headers().allValues("X-Rate-Limit-Reset")).hasSize(2);
        }
    }

    @Test
    void theGzipOptionCompressesEvenWhenCompressionIsTurnedOff() throws Exception {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(50).compression(false).faults(Faults.NONE.withGzip(true))
                .build()) {
            sandbox.start();
            String token = sandbox.createApiToken("gzip");

            HttpResponse<byte[]> gzipped = raw(sandbox, token, "/api/v1/users", "gzip");
            HttpResponse<byte[]> plain = raw(sandbox, token, "/api/v1/users", null);

            assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
            }
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        }
    }

    @Test
    void withCompressionOffAndWithoutTheGzipOptionNothingIsCompressed() throws Exception {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(50).compression(false).build()) {
            sandbox.start();

            HttpResponse<byte[]> response = raw(sandbox, sandbox.createApiToken("plain"), "/api/v1/users", "gzip");

            assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        }
    }

    @Test
    void aDropRateOfOneClosesTheConnectionWithoutAResponse() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).faults(Faults.NONE.withDropRate(1)).build()) {
            sandbox.start();
            String token = sandbox.createApiToken("drop");

            assertThatThrownBy(() -> raw(sandbox, token, "/api/v1/users", null)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void faultRatesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> Faults.NONE.withErrorRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.NONE.withDropRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
