package dev.switchboard.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.switchboard.sandbox.AuthenticationTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The q, filter and search parameters of GET /api/v1/users (listUsers in the Management API description;
 * OKTA-WIRE.md "Users"; cases C01, C02, C04). Queries are written here exactly as they travel on the wire.
 */
class UserQueryTest {
    private static OktaSandbox sandbox;
    private static SandboxClient client;
    private static String plus;
    private static String mixedCase;
    private static String zebulon;
    private static String zebulonGone;
    private static String quoted;
    private static List<String> researchers;
    private static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(60).seed(3L).build();
        plus = sandbox.createUser(profile("a+b@example.com", "Plus", "Sign", "Finance"), "ACTIVE");
        mixedCase = sandbox.createUser(profile("Mixed.Case@Example.com", "Mixed", "Case", "Finance"), "ACTIVE");
        zebulon = sandbox.createUser(profile("zq@example.com", "Zebulon", "Quartermaine", "Research Lab"), "ACTIVE");
        zebulonGone = sandbox.createUser(profile("zq.old@example.com", "Zebulon", "Gone", "Research Lab"), "DEPROVISIONED");
        Map<String, Object> fun = profile("fun@example.com", "Funmi", "Adeyemi", "Research Lab");
        fun.put("title", "Chief \"Fun\" Officer");
        quoted = sandbox.createUser(fun, "STAGED");
        researchers = List.of(zebulon, zebulonGone, quoted);
        created.addAll(List.of(plus, mixedCase, zebulon, zebulonGone, quoted));
        for (int i = 1; i <= 12; i++) {
            created.add(sandbox.createUser(profile("dozen" + i + "@example.com", "Dozen", "Number" + i, "Sales"), "ACTIVE"));
        }
        sandbox.start();
        client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("Agent Studio Connector"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, Object> profile(String login, String first, String last, String department) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("firstName", first);
        profile.put("lastName", last);
        profile.put("login", login);
        profile.put("email", login);
        profile.put("department", department);
        return profile;
    }

    @Test
    void searchFindsALoginWhosePlusIsSentAsPercent2B() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.login%20eq%20%22a%2Bb%40example.com%22");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.ids(response)).containsExactly(plus);
    }

    @Test
    void aRawPlusInTheQueryReadsAsASpaceAndFindsNothing() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.login%20eq%20%22a+b%40example.com%22");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.ids(response)).isEmpty();
    }

    @Test
    void anExpressionTypedWithPlusForSpacesAndEncodedOnceIs400E0000031() {
        assertError(client.get("/api/v1/users?search=user.id%2Beq%2B%2200u1%22"), 400, "E0000031",
                "Invalid search criteria.");
    }

    @Test
    void filterComparesEmailsExactlySoOtherCaseFindsNothing() {
        HttpResponse<String> response = client.get("/api/v1/users?filter=profile.email%20eq%20%22mixed.case%40example.com%22");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxClient.json(response)).isEmpty();
    }

    @Test
    void filterFindsAnEmailGivenInItsStoredCase() {
        HttpResponse<String> response = client.get("/api/v1/users?filter=profile.email%20eq%20%22Mixed.Case%40Example.com%22");

        assertThat(SandboxClient.ids(response)).containsExactly(mixedCase);
    }

    @Test
    void searchIgnoresTheCaseOfValues() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.email%20eq%20%22mixed.case%40example.com%22");

        assertThat(SandboxClient.ids(response)).containsExactly(mixedCase);
    }

    @Test
    void searchPropertyNamesAreCaseSensitive() {
        assertError(client.get("/api/v1/users?search=Status%20eq%20%22ACTIVE%22"), 400, "E0000031",
                "Invalid search criteria.");
    }

    @Test
    void searchTogetherWithFilterIs400E0000033() {
        assertError(client.get("/api/v1/users?search=status%20eq%20%22ACTIVE%22&filter=status%20eq%20%22ACTIVE%22"),
                400, "E0000033", "Bad request. Can't specify a search query and filter in the same request.");
    }

    @Test
    void anUnparsableSearchIs400E0000031WithTheReasonAsCause() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.login%20eq");

        assertError(response, 400, "E0000031", "Invalid search criteria.");
        assertThat(SandboxClient.json(response).get("errorCauses").get(0).get("errorSummary").asText())
                .startsWith("search: ");
    }

    @Test
    void filterOnAPropertyOutsideItsSevenIs400E0000031() {
        assertError(client.get("/api/v1/users?filter=profile.department%20eq%20%22Finance%22"), 400, "E0000031",
                "Invalid search criteria.");
    }

    @Test
    void filterAllowsOnlyEqOnStatus() {
        assertError(client.get("/api/v1/users?filter=status%20sw%20%22ACT%22"), 400, "E0000031",
                "Invalid search criteria.");
    }

    @Test
    void filterByStatusIncludesDeprovisionedUsers() {
        HttpResponse<String> response = client.get("/api/v1/users?filter=status%20eq%20%22DEPROVISIONED%22");

        assertThat(SandboxClient.ids(response)).contains(zebulonGone);
        SandboxClient.json(response).forEach(user -> assertThat(user.get("status").asText()).isEqualTo("DEPROVISIONED"));
    }

    @Test
    void filterComparesLastUpdatedWithGt() {
        HttpResponse<String> response = client.get("/api/v1/users?filter=lastUpdated%20gt%20%222025-06-01T00%3A00%3A00.000Z%22");

        assertThat(SandboxClient.ids(response)).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void searchCombinesAndOrAndParentheses() {
        String search = "profile.department%20eq%20%22research%20lab%22%20and%20(status%20eq%20%22ACTIVE%22%20or%20status%20eq%20%22STAGED%22)";

        assertThat(SandboxClient.ids(client.get("/api/v1/users?search=" + search)))
                .containsExactlyInAnyOrder(zebulon, quoted);
    }

    @Test
    void searchIncludesDeprovisionedUsers() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.department%20eq%20%22Research%20Lab%22");

        assertThat(SandboxClient.ids(response)).containsExactlyInAnyOrderElementsOf(researchers);
    }

    @Test
    void searchStartsWithAndContains() {
        assertThat(SandboxClient.ids(client.get("/api/v1/users?search=profile.lastName%20sw%20%22quarter%22")))
                .containsExactly(zebulon);
        assertThat(SandboxClient.ids(client.get("/api/v1/users?search=profile.lastName%20co%20%22TERMAI%22")))
                .containsExactly(zebulon);
    }

    @Test
    void searchContainsOnlyWorksOnNamesEmailAndLogin() {
        assertError(client.get("/api/v1/users?search=profile.department%20co%20%22Lab%22"), 400, "E0000031",
                "Invalid search criteria.");
    }

    @Test
    void searchMatchesAQuotedValueWithAnEscapedQuote() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.title%20eq%20%22Chief%20%5C%22Fun%5C%22%20Officer%22");

        assertThat(SandboxClient.ids(response)).containsExactly(quoted);
    }

    @Test
    void searchPresentFindsUsersWithTheAttribute() {
        HttpResponse<String> response = client.get("/api/v1/users?search=profile.title%20pr%20and%20profile.department%20eq%20%22Research%20Lab%22");

        assertThat(SandboxClient.ids(response)).containsExactly(quoted);
    }

    @Test
    void searchSortsBySortByAndSortOrder() {
        HttpResponse<String> response = client.get(
                "/api/v1/users?search=profile.department%20eq%20%22Research%20Lab%22&sortBy=profile.lastName&sortOrder=desc");

        assertThat(SandboxClient.ids(response)).containsExactly(zebulon, zebulonGone, quoted);
    }

    @Test
    void aSortedSearchPagesThroughEveryMatchOnce() {
        List<String> seen = new ArrayList<>();
        Optional<String> next = Optional.of(sandbox.orgUrl()
                + "/api/v1/users?search=status%20pr&sortBy=profile.firstName&limit=7");
        while (next.isPresent()) {
            HttpResponse<String> page = client.getUrl(next.get());
            seen.addAll(SandboxClient.ids(page));
            next = SandboxClient.link(page, "next");
        }

        assertThat(seen).hasSize(sandbox.userCount()).doesNotHaveDuplicates();
    }

    @Test
    void aSearchNextLinkCarriesTheSearch() {
        HttpResponse<String> response = client.get("/api/v1/users?search=status%20eq%20%22ACTIVE%22&limit=2");

        assertThat(SandboxClient.link(response, "next").orElseThrow())
                .contains("limit=2").contains("search=status%20eq%20%22ACTIVE%22");
    }

    @Test
    void qMatchesTheStartOfFirstNameLastNameOrEmail() {
        assertThat(SandboxClient.ids(client.get("/api/v1/users?q=zebu"))).containsExactly(zebulon);
        assertThat(SandboxClient.ids(client.get("/api/v1/users?q=Quarterm"))).containsExactly(zebulon);
        assertThat(SandboxClient.ids(client.get("/api/v1/users?q=zq%40"))).containsExactly(zebulon);
    }

    @Test
    void qOmitsDeprovisionedUsers() {
        assertThat(SandboxClient.ids(client.get("/api/v1/users?q=Zebulon"))).doesNotContain(zebulonGone);
    }

    @Test
    void qReturnsTenUsersByDefaultWithoutLinkHeaders() {
        HttpResponse<String> response = client.get("/api/v1/users?q=Dozen");

        assertThat(SandboxClient.ids(response)).hasSize(10);
        assertThat(response.headers().allValues("Link")).isEmpty();
    }

    @Test
    void qHonoursAGivenLimit() {
        assertThat(SandboxClient.ids(client.get("/api/v1/users?q=Dozen&limit=12"))).hasSize(12);
    }

    @Test
    void aSearchWithBrokenPercentEncodingIs400E0000031RatherThanAnUnfilteredListing() {
        String response = client.rawGet("/api/v1/users?search=profile.login%20eq%20%ZZ");

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("\"errorCode\":\"E0000031\"");
    }

    @Test
    void aLimitWithBrokenPercentEncodingIs400E0000029() {
        assertThat(client.rawGet("/api/v1/users?limit=%")).startsWith("HTTP/1.1 400 ").contains("\"errorCode\":\"E0000029\"");
    }
}
