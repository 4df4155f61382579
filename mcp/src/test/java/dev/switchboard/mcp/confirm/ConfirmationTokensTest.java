package dev.switchboard.mcp.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ActionError;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One-time confirmation tokens: once, in time, and only for what was previewed. */
class ConfirmationTokensTest {
  /** A clock the test moves. */
  private static final class Hands extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final Hands clock = new Hands();
  private final ConfirmationTokens tokens = new ConfirmationTokens(Duration.ofMinutes(5), clock, new SecureRandom());

  private static void refused(Runnable redeem, String why) {
    assertThatThrownBy(redeem::run).isInstanceOfSatisfying(ActionError.class, e -> {
      assertThat(e.field()).contains(ConfirmationTokens.INPUT);
      assertThat(e.getMessage()).contains(why);
    });
  }

  @Test
  void aTokenWorksOnceForItsToolArgumentsAndSession() {
    String token = tokens.issue("shop_delete_item", "digest-a", "s1");
    assertThat(token).startsWith("sbc_").hasSize(4 + 43);
    tokens.redeem(token, "shop.delete_item", "shop_delete_item", "digest-a", "s1");
    refused(() -> tokens.redeem(token, "shop.delete_item", "shop_delete_item", "digest-a", "s1"), "already used");
  }

  @Test
  void aTokenExpiresAfterItsTimeToLive() {
    String token = tokens.issue("shop_delete_item", "digest-a", "s1");
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    refused(() -> tokens.redeem(token, "shop.delete_item", "shop_delete_item", "digest-a", "s1"), "expired");
  }

  @Test
  void aTokenIsRefusedForOtherArgumentsAnotherToolOrAnotherSessionAndIsSpentByTheAttempt() {
    String a = tokens.issue("shop_delete_item", "digest-a", "s1");
    refused(() -> tokens.redeem(a, "shop.delete_item", "shop_delete_item", "digest-b", "s1"), "other arguments");
    refused(() -> tokens.redeem(a, "shop.delete_item", "shop_delete_item", "digest-a", "s1"), "already used");
    String b = tokens.issue("shop_delete_item", "digest-a", "s1");
    refused(() -> tokens.redeem(b, "shop.purge", "shop_purge", "digest-a", "s1"), "another tool or session");
    String c = tokens.issue("shop_delete_item", "digest-a", "s1");
    refused(() -> tokens.redeem(c, "shop.delete_item", "shop_delete_item", "digest-a", "s2"), "another tool or session");
  }

  @Test
  void anUnknownTokenIsRefused() {
    refused(() -> tokens.redeem("sbc_made-up", "shop.delete_item", "shop_delete_item", "d", "s"), "unknown");
  }

  @Test
  void tokensAreNotGuessableFromOneAnother() {
    assertThat(tokens.issue("t", "d", "s")).isNotEqualTo(tokens.issue("t", "d", "s"));
  }

  @Test
  void aTimeToLiveThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new ConfirmationTokens(Duration.ZERO, clock, new SecureRandom())).hasMessageContaining("positive");
  }
}
