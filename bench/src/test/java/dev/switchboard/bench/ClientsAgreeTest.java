package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's three clients do the same work: the same user, the same listing, the same fields read. Quick;
 * nothing here is timed (the benchmarks run only through bench/run.sh).
 */
class ClientsAgreeTest {
  private static Org.Handle org;

  @BeforeAll
  static void start() {
    org = Org.startUnlimited(450);
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @ParameterizedTest
  @EnumSource(OktaClient.Kind.class)
  void eachClientGetsTheSameUser(OktaClient.Kind kind) throws Exception {
    try (OktaClient reference = OktaClient.Kind.HTTPCLIENT.create(URI.create(org.url()), org.token());
        OktaClient client = kind.create(URI.create(org.url()), org.token())) {
      assertThat(client.getUser(org.ids()[3])).isEqualTo(reference.getUser(org.ids()[3]));
    }
  }

  @ParameterizedTest
  @EnumSource(OktaClient.Kind.class)
  void eachClientListsEveryUserAcrossPagesOf200(OktaClient.Kind kind) throws Exception {
    try (OktaClient reference = OktaClient.Kind.HTTPCLIENT.create(URI.create(org.url()), org.token());
        OktaClient client = kind.create(URI.create(org.url()), org.token())) {
      OktaClient.Listing listing = client.listAll();
      assertThat(listing.users()).isEqualTo(450);
      assertThat(listing.pages()).isEqualTo(3);
      assertThat(listing.rateLimited()).isZero();
      assertThat(listing.checksum()).isEqualTo(reference.listAll().checksum());
    }
  }

  /** The SDK's own 429 handling is Okta's code; the benchmark measures it. */
  @ParameterizedTest
  @EnumSource(value = OktaClient.Kind.class, names = {"SWITCHBOARD", "HTTPCLIENT"})
  void switchboardAndTheHandWrittenClientListThroughARateLimitWithout429sReachingTheCaller(OktaClient.Kind kind) throws Exception {
    try (Org.Handle limited = Org.start(450, 2, Duration.ofMillis(1000));
        OktaClient client = kind.create(URI.create(limited.url()), limited.token())) {
      Thread.sleep(1100); // the window opened by Org.start's own listing has ended
      OktaClient.Listing listing = client.listAll();
      assertThat(listing.users()).isEqualTo(450);
      assertThat(listing.pages()).isEqualTo(3);
    }
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(ConcurrencyWorker.percentile(sorted, 0.5)).isEqualTo(5);
    assertThat(ConcurrencyWorker.percentile(sorted, 0.99)).isEqualTo(10);
    assertThat(Stats.median(new double[] {3, 1, 2, 4})).isEqualTo(2.5);
  }
}
