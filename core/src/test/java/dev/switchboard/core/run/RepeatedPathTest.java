package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A 404 whose path repeats its first segments is explained: the base URL most likely ends with what the action's path starts with. */
class RepeatedPathTest {
  @Test
  void aPathStartingWithTheSameSegmentsTwiceNamesThem() {
    assertThat(ResponseDecoder.repeatedPrefix("/api/v1/api/v1/users")).contains("/api/v1");
    assertThat(ResponseDecoder.repeatedPrefix("/v2/v2/tickets/7")).contains("/v2");
    assertThat(ResponseDecoder.repeatedPrefix("/api/v1/api/v1")).contains("/api/v1");
    assertThat(ResponseDecoder.repeatedPrefix("/users/users")).contains("/users");
  }

  @Test
  void anOrdinaryPathIsNotExplained() {
    assertThat(ResponseDecoder.repeatedPrefix("/api/v1/users/00u1")).isEmpty();
    assertThat(ResponseDecoder.repeatedPrefix("/")).isEmpty();
    assertThat(ResponseDecoder.repeatedPrefix("//x")).isEmpty();
    assertThat(ResponseDecoder.repeatedPrefix(null)).isEmpty();
  }
}
