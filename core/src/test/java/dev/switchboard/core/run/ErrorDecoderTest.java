package dev.switchboard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ErrorDecoder;
import dev.switchboard.core.error.ErrorFormat;
import dev.switchboard.core.error.UpstreamError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading error bodies: the common shapes without declarations, a connector's own format with them. */
class ErrorDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static UpstreamError standard(String body) throws Exception {
    return JmesPathErrorDecoder.standard().decode(JSON.readTree(body)).orElseThrow();
  }

  @Test
  void problemDetailsGiveTypeDetailAndTheirErrors() throws Exception {
    UpstreamError e = standard("{\"type\":\"https://x.example/p/out-of-credit\",\"title\":\"Out of credit\",\"detail\":\"30 left\","
        + "\"errors\":[{\"detail\":\"must be positive\",\"pointer\":\"#/age\"}]}");
    assertThat(e.code()).contains("https://x.example/p/out-of-credit");
    assertThat(e.message()).contains("30 left");
    assertThat(e.causes()).containsExactly("must be positive");
  }

  @Test
  void aProblemOfTypeAboutBlankHasNoCodeAndItsTitleIsTheMessage() throws Exception {
    UpstreamError e = standard("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
    assertThat(e.code()).isEmpty();
    assertThat(e.message()).contains("Not Found");
  }

  @Test
  void theCommonShapesEachShowTheirMessage() throws Exception {
    assertThat(standard("{\"error\":\"not_found\",\"message\":\"no ticket T999\"}"))
        .extracting(UpstreamError::code, UpstreamError::message).containsExactly(Optional.of("not_found"), Optional.of("no ticket T999"));
    assertThat(standard("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}").message()).contains("bad secret");
    assertThat(standard("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired.\"}}"))
        .extracting(UpstreamError::code, UpstreamError::message)
        .containsExactly(Optional.of("InvalidAuthenticationToken"), Optional.of("Access token has expired."));
    assertThat(standard("{\"message\":\"Validation Failed\",\"errors\":[{\"field\":\"title\",\"code\":\"missing_field\"}]}"))
        .extracting(UpstreamError::message, UpstreamError::causes).containsExactly(Optional.of("Validation Failed"), List.of("missing_field"));
    assertThat(standard("{\"errors\":[{\"message\":\"first\"},{\"message\":\"second\"}]}"))
        .extracting(UpstreamError::message, UpstreamError::causes).containsExactly(Optional.of("first"), List.of("second"));
  }

  @Test
  void aBodyInNoKnownShapeSaysNothing() throws Exception {
    assertThat(JmesPathErrorDecoder.standard().decode(JSON.readTree("{\"oops\":1}"))).isEmpty();
    assertThat(JmesPathErrorDecoder.standard().decode(JSON.readTree("[1,2]"))).isEmpty();
  }

  @Test
  void aDeclaredFormatReadsItsFieldsAndCategoriesAndFallsBackToTheCommonShapes() throws Exception {
    ErrorDecoder okta = JmesPathErrorDecoder.of(new ErrorFormat(Optional.of("errorCode"), Optional.of("errorSummary"),
        Optional.of("errorCauses[].errorSummary"), Optional.of("errorId"), Map.of("E0000011", ErrorCategory.AUTH)));
    JsonNode body = JSON.readTree("{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorId\":\"oae1\","
        + "\"errorCauses\":[{\"errorSummary\":\"expired\"}]}");
    assertThat(okta.decode(body)).contains(new UpstreamError(Optional.of("E0000011"), Optional.of("Invalid token provided"),
        List.of("expired"), Optional.of("oae1"), Optional.of(ErrorCategory.AUTH)));
    assertThat(okta.decode(JSON.readTree("{\"error\":\"invalid_client\",\"error_description\":\"bad key\"}")).orElseThrow().message())
        .contains("bad key");
  }
}
