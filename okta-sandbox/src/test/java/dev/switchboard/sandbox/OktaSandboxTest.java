package dev.switchboard.sandbox;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java entry point used by the CLI and by other modules' tests. */
class OktaSandboxTest {

    @Test
    void theOrgUrlIsLoopbackWithTheBoundPortAndNoTrailingSlash() {
        try (OktaSandbox sandbox = OktaSandbox.builder().port(0).users(0).build()) {
            sandbox.start();

            assertThat(sandbox.orgUrl().toString()).matches("http://127\\.0\\.0\\.1:[0-9]+");
            assertThat(sandbox.orgUrl().getPort()).isPositive();
        }
    }

    @Test
    void theOrgUrlIsUnknownBeforeStart() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(0).build()) {
            assertThatThrownBy(sandbox::orgUrl).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aClosedSandboxCannotStartAgain() {
        OktaSandbox sandbox = OktaSandbox.builder().users(0).build();
        sandbox.close();

        assertThatThrownBy(sandbox::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createUserReturnsAnOktaUserId() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(0).build()) {
            assertThat(sandbox.createUser(Map.of("login", "a+b@example.com", "email", "a+b@example.com"), "ACTIVE"))
                    .matches("00u[0-9A-Za-z]{17}");
        }
    }

    @Test
    void createUserRejectsALoginThatDiffersOnlyInCase() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(0).build()) {
            sandbox.createUser(Map.of("login", "Isaac@example.com", "email", "isaac@example.com"), "ACTIVE");

            assertThatThrownBy(() -> sandbox.createUser(Map.of("login", "isaac@EXAMPLE.com", "email", "i@example.com"),
                    "ACTIVE")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("login");
        }
    }

    @Test
    void createUserRejectsAnUnknownStatus() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(0).build()) {
            assertThatThrownBy(() -> sandbox.createUser(Map.of("login", "x@example.com", "email", "x@example.com"),
                    "HAPPY")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HAPPY");
        }
    }

    @Test
    void createUserRequiresAnEmail() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(0).build()) {
            assertThatThrownBy(() -> sandbox.createUser(Map.of("login", "x@example.com"), "ACTIVE"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        }
    }

    @Test
    void userCountsIncludeEveryStatus() {
        try (OktaSandbox sandbox = OktaSandbox.builder().users(100).seed(1L).build()) {
            int deprovisioned = sandbox.userCount("DEPROVISIONED");
            int active = sandbox.userCount("active");

            assertThat(sandbox.userCount()).isEqualTo(100);
            assertThat(active + deprovisioned).isLessThanOrEqualTo(100);
            assertThat(active).isPositive();
        }
    }
}
