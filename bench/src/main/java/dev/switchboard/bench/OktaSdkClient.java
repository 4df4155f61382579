package dev.switchboard.bench;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.helper.PaginationUtil;
import com.okta.sdk.impl.client.DefaultClientBuilder;
import com.okta.sdk.impl.config.ClientConfiguration;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Okta's Java management SDK (com.okta.sdk 24.0.0) with its defaults (Apache HttpClient 5 with the SDK's retry
 * strategy: up to 4 retries, 429s waited out until {@code X-Rate-Limit-Reset} + 1 s), except two settings:
 * its response cache is off, so every call reaches the org, and plain http is allowed
 * ({@code okta.testing.disableHttpsCheck}, as Okta's own tests do against local servers). A response
 * interceptor counts the 429s its retry strategy absorbs; it changes nothing else.
 *
 * <p>A listing is the SDK 24 idiom: {@code UserApi.listUsers(..., after, 200, ...)} page by page, the next
 * cursor from {@link PaginationUtil#getAfter(ApiClient)}.
 */
final class OktaSdkClient implements OktaClient {
  static {
    System.setProperty("okta.testing.disableHttpsCheck", "true");
  }

  private final AtomicLong tooManyRequests = new AtomicLong();
  private final ApiClient client;
  private final UserApi users;

  OktaSdkClient(URI orgUrl, String token) {
    this.client = new CountingClientBuilder(tooManyRequests)
        .setOrgUrl(orgUrl.toString())
        .setClientCredentials(new TokenClientCredentials(token))
        .setCacheManager(Caches.newDisabledCacheManager())
        .build();
    this.users = new UserApi(client);
  }

  @Override
  public long getUser(String id) throws Exception {
    UserGetSingleton user = users.getUser(id, null, null);
    return OktaClient.checksum(user.getId(), user.getProfile().getLogin(), user.getStatus().getValue());
  }

  @Override
  public Listing listAll() throws Exception {
    long before = tooManyRequests.get();
    long count = 0;
    long pages = 0;
    long checksum = 0;
    String after = null;
    do {
      List<User> page = users.listUsers(null, null, after, 200, null, null, null, null);
      pages++;
      for (User user : page) {
        count++;
        checksum += OktaClient.checksum(user.getId(), user.getProfile().getLogin(), user.getStatus().getValue());
      }
      after = PaginationUtil.getAfter(client);
    } while (after != null);
    return new Listing(count, pages, tooManyRequests.get() - before, checksum);
  }

  @Override
  public void close() throws IOException {
    client.getHttpClient().close();
  }

  /** The SDK's own client builder, with a response interceptor that counts 429 answers. */
  private static final class CountingClientBuilder extends DefaultClientBuilder {
    private final AtomicLong tooManyRequests;

    CountingClientBuilder(AtomicLong tooManyRequests) {
      this.tooManyRequests = tooManyRequests;
    }

    @Override
    protected HttpClientBuilder createHttpClientBuilder(ClientConfiguration configuration) {
      return super.createHttpClientBuilder(configuration).addResponseInterceptorFirst((response, entity, context) -> {
        if (response.getCode() == 429) {
          tooManyRequests.incrementAndGet();
        }
      });
    }
  }
}
