package dev.switchboard.sandbox.sdk;

import dev.switchboard.sandbox.OktaSandbox;
import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Okta's official Java management SDK (com.okta.sdk 24.0.0) pointed at a sandbox: the independent judge of wire
 * compatibility. The SDK refuses plain http unless {@code okta.testing.disableHttpsCheck} is true, which is how
 * Okta's own tests run it against local servers.
 */
public final class OktaSdk {
    static {
        System.setProperty("okta.testing.disableHttpsCheck", "true");
    }

    private OktaSdk() {
    }

    /**
     * An SDK client authenticated with an API token, with its cache off (so every call reaches the sandbox).
     *
     * @param sandbox a started sandbox
     * @param token an API token of that sandbox
     * @return the client
     */
    public static ApiClient client(OktaSandbox sandbox, String token) {
        return Clients.builder()
                .setOrgUrl(sandbox.orgUrl().toString())
                .setClientCredentials(new TokenClientCredentials(token))
                .setCacheManager(Caches.newDisabledCacheManager())
                .setRetryMaxAttempts(0)
                .build();
    }

    /** One page of a listing, as the SDK calls it with a cursor. */
    @FunctionalInterface
    public interface PageCall<T> {
        /**
         * Fetches the page after a cursor.
         *
         * @param after the cursor, null for the first page
         * @return the page
         * @throws ApiException as the SDK throws it
         */
        List<T> page(String after) throws ApiException;
    }

    /**
     * Every item of a listing, following the {@code next} links the way the SDK exposes them
     * ({@link com.okta.sdk.helper.PaginationUtil#getAfter(ApiClient)} reads the cursor of the last response's
     * {@code next} link).
     *
     * @param client the SDK client that makes the calls
     * @param call one page
     * @param <T> the item type
     * @return every item, in order
     * @throws ApiException as the SDK throws it
     */
    public static <T> AllPages<T> all(ApiClient client, PageCall<T> call) throws ApiException {
        List<T> items = new ArrayList<>();
        int pages = 0;
        String after = null;
        do {
            items.addAll(call.page(after));
            pages++;
            after = com.okta.sdk.helper.PaginationUtil.getAfter(client);
            if (pages > 10_000) {
                throw new IllegalStateException("a listing that never ends");
            }
        } while (after != null);
        return new AllPages<>(items, pages);
    }

    /**
     * Every item of a listing and how many pages it took.
     *
     * @param items the items
     * @param pages the number of requests
     * @param <T> the item type
     */
    public record AllPages<T>(List<T> items, int pages) {
    }

    /**
     * The Okta error code of an SDK failure.
     *
     * @param e the SDK's exception
     * @return the {@code errorCode} of its body, if any
     */
    public static Optional<String> errorCode(ApiException e) {
        String body = e.getResponseBody();
        if (body == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"errorCode\"\\s*:\\s*\"(E\\d+)\"").matcher(body);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
