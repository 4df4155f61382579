package dev.switchboard.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Cursor pagination of GET /api/v1/users with Okta's Link headers (OKTA-WIRE.md "Pagination"; case C06). */
class PaginationTest {
    private static final int USERS = 2 * 200 + 3;

    private static OktaSandbox sandbox;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(USERS).mixedStatuses(false).seed(11L).build();
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("Agent Studio Connector"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void followingNextLinksVisitsEveryUserExactlyOnce() {
        List<String> seen = new ArrayList<>();
        Optional<String> next = Optional.of(sandbox.orgUrl() + "/api/v1/users");
        int pages = 0;
        while (next.isPresent()) {
            HttpResponse<String> page = client.getUrl(next.get());
            assertThat(page.statusCode()).isEqualTo(200);
            seen.addAll(SandboxClient.ids(page));
            next = SandboxClient.link(page, "next");
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(USERS);
        assertThat(new HashSet<>(seen)).hasSize(USERS);
    }

    @Test
    void aFullPageCarriesSelfAndNextAsTwoSeparateLinkHeaders() {
        HttpResponse<String> response = client.get("/api/v1/users?limit=200");

        assertThat(response.headers().allValues("Link")).hasSize(2);
        assertThat(response.headers().allValues("Link").get(0))
                .isEqualTo("<" + sandbox.orgUrl() + "/api/v1/users?limit=200>; rel=\"self\"");
        assertThat(response.headers().allValues("Link").get(1))
                .matches("<" + sandbox.orgUrl() + "/api/v1/users\\?after=[A-Za-z0-9_-]+&limit=200>; rel=\"next\"");
    }

    @Test
    void theLastPageHasOnlyASelfLink() {
        HttpResponse<String> second = client.getUrl(SandboxClient.link(client.get("/api/v1/users"), "next").orElseThrow());
        HttpResponse<String> last = client.getUrl(SandboxClient.link(second, "next").orElseThrow());

        assertThat(SandboxClient.ids(last)).hasSize(3);
        assertThat(last.headers().allValues("Link")).hasSize(1);
        assertThat(SandboxClient.link(last, "self")).isPresent();
    }

    @Test
    void theSelfLinkIsTheRequestsOwnUrl() {
        HttpResponse<String> response = client.get("/api/v1/users?limit=5&foo=a%20b");

        assertThat(SandboxClient.link(response, "self")).hasValue(sandbox.orgUrl() + "/api/v1/users?limit=5&foo=a%20b");
    }

    @Test
    void theNextLinkKeepsTheLimit() {
        HttpResponse<String> first = client.get("/api/v1/users?limit=150");
        HttpResponse<String> second = client.getUrl(SandboxClient.link(first, "next").orElseThrow());

        assertThat(SandboxClient.ids(first)).hasSize(150);
        assertThat(SandboxClient.ids(second)).hasSize(150);
    }

    @Test
    void theDefaultLimitIs200() {
        assertThat(SandboxClient.ids(client.get("/api/v1/users"))).hasSize(200);
    }

    @Test
    void aLimitAbove200IsClampedTo200() {
        HttpResponse<String> response = client.get("/api/v1/users?limit=1000");

        assertThat(SandboxClient.ids(response)).hasSize(200);
        assertThat(SandboxClient.link(response, "next").orElseThrow()).contains("limit=200");
    }

    @Test
    void aNonNumericLimitIs400E0000029() {
        assertError(client.get("/api/v1/users?limit=ten"), 400, "E0000029", "Invalid paging request.");
    }

    @Test
    void aLimitBelowOneIs400E0000029() {
        assertError(client.get("/api/v1/users?limit=0"), 400, "E0000029", "Invalid paging request.");
    }

    @Test
    void theCursorIsNotTheRawUserId() {
        HttpResponse<String> first = client.get("/api/v1/users?limit=2");
        String lastId = SandboxClient.ids(first).get(1);

        assertThat(SandboxClient.link(first, "next").orElseThrow()).doesNotContain(lastId);
    }

    @Test
    void aCursorBuiltFromARawIdIs400E0000029() {
        String id = SandboxClient.ids(client.get("/api/v1/users?limit=1")).get(0);

        assertError(client.get("/api/v1/users?after=" + id), 400, "E0000029", "Invalid paging request.");
    }

    @Test
    void usersAreListedInIdOrder() {
        List<String> ids = SandboxClient.ids(client.get("/api/v1/users?limit=50"));

        assertThat(ids).isSorted();
    }

    @Test
    void thePlainListingOmitsDeprovisionedUsers() {
        String id = sandbox.createUser(Map.of("login", "gone@example.com", "email", "gone@example.com"), "DEPROVISIONED");
        List<String> all = new ArrayList<>();
        Optional<String> next = Optional.of(sandbox.orgUrl() + "/api/v1/users");
        while (next.isPresent()) {
            HttpResponse<String> page = client.getUrl(next.get());
            all.addAll(SandboxClient.ids(page));
            next = SandboxClient.link(page, "next");
        }

        assertThat(all).doesNotContain(id).hasSize(USERS);
    }
}
