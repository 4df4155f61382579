package dev.switchboard.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An error's every field, and the exceptions it keeps for debugging, pass through the scrubbing function. */
class ActionErrorTest {
  private static final String SECRET = "canary-secret-00aBcDeF123456";

  @Test
  void scrubbingReachesEveryFieldAndTheCauseChain() {
    IOException root = new IOException("reset while sending SSWS " + SECRET);
    ActionError error = ActionError.builder(ErrorCategory.NOT_FOUND, "testorg.get_user", "not found; " + SECRET)
        .status(404).upstream("E0000007 " + SECRET, "no user " + SECRET).causes(List.of("cause " + SECRET))
        .requestId("SSWS " + SECRET).field("id " + SECRET).cause(new RuntimeException("wrapped " + SECRET, root)).build();

    ActionError scrubbed = error.scrubbed(text -> text == null ? null : text.replace(SECRET, "[REDACTED]"));

    assertThat(scrubbed.getMessage()).doesNotContain(SECRET);
    assertThat(scrubbed.errorCode().orElseThrow()).doesNotContain(SECRET);
    assertThat(scrubbed.errorSummary().orElseThrow()).doesNotContain(SECRET);
    assertThat(scrubbed.errorCauses()).noneMatch(c -> c.contains(SECRET));
    assertThat(scrubbed.requestId()).contains("SSWS [REDACTED]");
    assertThat(scrubbed.field()).contains("id [REDACTED]");
    assertThat(scrubbed.status()).isEqualTo(404);
    for (Throwable t = scrubbed.getCause(); t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
      assertThat(t.toString()).doesNotContain(SECRET);
    }
    assertThat(scrubbed.getCause()).isNotNull();
    assertThat(scrubbed.getCause().getCause()).isNotNull();
    assertThat(scrubbed.getCause().getCause().getStackTrace()).isEqualTo(root.getStackTrace());
  }
}
