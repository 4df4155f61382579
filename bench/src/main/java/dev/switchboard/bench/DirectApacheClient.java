package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * A second baseline: Apache HttpClient 5's classic client, the library under Switchboard's transport, used
 * directly: {@code Authorization: SSWS}, the body read as bytes and parsed with Jackson, the {@code next} Link
 * header followed by hand, no compression, no retry and no rate-limit handling (a 429 fails the listing, so it is
 * not used for the rate-limited section). Beside Switchboard, it shows what the engine costs over its own
 * transport; beside {@link DirectHttpClient}, what the choice of HTTP client costs.
 */
final class DirectApacheClient implements OktaClient {
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CloseableHttpClient http = HttpClients.custom()
      .disableContentCompression().disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
      .build();
  private final String orgUrl;
  private final String authorization;

  DirectApacheClient(URI orgUrl, String token) {
    this.orgUrl = orgUrl.toString();
    this.authorization = "SSWS " + token;
  }

  private HttpGet request(String uri) {
    HttpGet get = new HttpGet(uri);
    get.setHeader("Authorization", authorization);
    get.setHeader("Accept", "application/json");
    return get;
  }

  @Override
  public long getUser(String id) throws IOException {
    String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    JsonNode user = http.execute(request(orgUrl + "/api/v1/users/" + segment), response -> {
      if (response.getCode() != 200) {
        throw new IOException("GET user " + id + ": HTTP " + response.getCode());
      }
      return JSON.readTree(EntityUtils.toByteArray(response.getEntity()));
    });
    return OktaClient.checksum(user.get("id").asText(), user.path("profile").path("login").asText(), user.get("status").asText());
  }

  @Override
  public Listing listAll() throws IOException {
    long[] totals = new long[3]; // users, pages, checksum
    String next = orgUrl + "/api/v1/users?limit=200";
    while (next != null) {
      String uri = next;
      next = http.execute(request(uri), response -> {
        if (response.getCode() != 200) {
          throw new IOException("GET " + uri + ": HTTP " + response.getCode());
        }
        totals[1]++;
        for (JsonNode user : JSON.readTree(EntityUtils.toByteArray(response.getEntity()))) {
          totals[0]++;
          totals[2] += OktaClient.checksum(user.get("id").asText(), user.path("profile").path("login").asText(), user.get("status").asText());
        }
        String link = null;
        for (Header header : response.getHeaders("link")) {
          Matcher m = NEXT.matcher(header.getValue());
          if (m.find()) {
            link = m.group(1);
          }
        }
        return link;
      });
    }
    return new Listing(totals[0], totals[1], 0, totals[2]);
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
