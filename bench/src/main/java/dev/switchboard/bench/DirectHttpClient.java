package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: {@link HttpClient} used directly, as a careful programmer would without a library: HTTP/1.1,
 * a connect and a request timeout, {@code Authorization: SSWS}, the body read as bytes and parsed with Jackson
 * into a tree, the {@code next} Link header followed by hand. On a 429 it waits until
 * {@code X-Rate-Limit-Reset}, measured against the response's {@code Date} (Okta's advice), then retries.
 *
 * <p>Plain, it asks for no compression (HttpClient does not by default). With {@code gzip}, it sends
 * {@code Accept-Encoding: gzip} and inflates gzip bodies, as Switchboard and the Okta SDK (through Apache
 * HttpClient's defaults) do. The benchmark's sandboxes do not compress (they are built with compression off), so
 * every client receives the same plain bytes and this variant shows only what asking costs.
 */
final class DirectHttpClient implements OktaClient {
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String orgUrl;
  private final String authorization;
  private final boolean gzip;

  DirectHttpClient(URI orgUrl, String token, boolean gzip) {
    this.orgUrl = orgUrl.toString();
    this.authorization = "SSWS " + token;
    this.gzip = gzip;
  }

  private HttpRequest request(String uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    return b.GET().build();
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
    if (response.headers().firstValue("content-encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
        return JSON.readTree(in);
      }
    }
    return JSON.readTree(response.body());
  }

  @Override
  public long getUser(String id) throws IOException, InterruptedException {
    String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    HttpResponse<byte[]> response = http.send(request(orgUrl + "/api/v1/users/" + segment), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET user " + id + ": HTTP " + response.statusCode());
    }
    JsonNode user = json(response);
    return OktaClient.checksum(user.get("id").asText(), user.path("profile").path("login").asText(), user.get("status").asText());
  }

  @Override
  public Listing listAll() throws IOException, InterruptedException {
    long users = 0;
    long pages = 0;
    long rateLimited = 0;
    long checksum = 0;
    String next = orgUrl + "/api/v1/users?limit=200";
    while (next != null) {
      HttpResponse<byte[]> response = http.send(request(next), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 429) {
        rateLimited++;
        Thread.sleep(untilReset(response));
        continue;
      }
      if (response.statusCode() != 200) {
        throw new IOException("GET " + next + ": HTTP " + response.statusCode());
      }
      pages++;
      for (JsonNode user : json(response)) {
        users++;
        checksum += OktaClient.checksum(user.get("id").asText(), user.path("profile").path("login").asText(), user.get("status").asText());
      }
      next = null;
      for (String link : response.headers().allValues("link")) {
        Matcher m = NEXT.matcher(link);
        if (m.find()) {
          next = m.group(1);
        }
      }
    }
    return new Listing(users, pages, rateLimited, checksum);
  }

  /** Milliseconds from the response's Date to its X-Rate-Limit-Reset (1 s when either is missing). */
  private static long untilReset(HttpResponse<?> response) {
    Optional<String> reset = response.headers().firstValue("x-rate-limit-reset");
    Optional<String> date = response.headers().firstValue("date");
    if (reset.isEmpty() || date.isEmpty()) {
      return 1000;
    }
    long serverNow = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
    return Math.max(0, Long.parseLong(reset.get().strip()) * 1000 - serverNow);
  }

  @Override
  public void close() {
    // HttpClient on Java 17 has no close(); its threads are daemons
  }
}
