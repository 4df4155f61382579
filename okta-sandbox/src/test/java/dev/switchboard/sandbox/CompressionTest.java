package dev.switchboard.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 5: answers compressed the way Okta compresses them when the client asks. Sources: OKTA-WIRE.md
 * "Compression" ("Okta compresses ... when the request advertises Accept-Encoding: gzip; chunked gzip bodies
 * occur"); the headers of an Okta answer to a client that asked for gzip, a 403 error of a few hundred bytes that
 * came with {@code content-encoding}, {@code transfer-encoding} and {@code vary} (oktadev/okta-node-express-example#4),
 * so small answers are compressed too; RFC 9110 section 12.5.3 for reading {@code Accept-Encoding}.
 */
class CompressionTest {
    private static OktaSandbox sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = OktaSandbox.builder().users(20).seed(55L).build();
        sandbox.start();
        token = sandbox.createApiToken("gzip");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** An answer as it comes off the wire: the head, and the body with any chunked framing removed. */
    private record Raw(String head, byte[] body) {
        boolean has(String header) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + header.toLowerCase(Locale.ROOT));
        }

        String text() {
            try {
                if (has("content-encoding: gzip")) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return new String(body, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Raw get(String path, String acceptEncoding) {
        try (Socket socket = new Socket(sandbox.orgUrl().getHost(), sandbox.orgUrl().getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: SSWS " + token + "\r\n"
                    + (acceptEncoding == null ? "" : "Accept-Encoding: " + acceptEncoding + "\r\n")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] all = socket.getInputStream().readAllBytes();
            int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = new String(all, 0, split, StandardCharsets.ISO_8859_1);
            byte[] body = Arrays.copyOfRange(all, split + 4, all.length);
            Raw raw = new Raw(head, body);
            return raw.has("transfer-encoding: chunked") ? new Raw(head, unchunk(body)) : raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int end = indexOf(Arrays.copyOfRange(body, position, body.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            int size = Integer.parseInt(new String(body, position, end, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            position += end + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, position, size);
            position += size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aClientThatAcceptsGzipGetsAGzipBodyThatInflatesToThePlainOne() {
        Raw gzipped = get("/api/v1/users?limit=20", "gzip");
        Raw plain = get("/api/v1/users?limit=20", null);

        assertThat(gzipped.has("content-encoding: gzip")).isTrue();
        assertThat(gzipped.body().length).isLessThan(plain.body().length);
        assertThat(gzipped.text()).isEqualTo(plain.text());
        assertThat(plain.has("content-encoding")).isFalse();
    }

    @Test
    void evenASmallErrorBodyIsCompressedAsOktasWas() {
        Raw error = get("/api/v1/users/nobody-at-all", "gzip, deflate");

        assertThat(error.head()).startsWith("HTTP/1.1 404");
        assertThat(error.has("content-encoding: gzip")).isTrue();
        assertThat(error.text()).contains("\"errorCode\":\"E0000007\"");
    }

    @Test
    void everyJsonAnswerVariesOnAcceptEncoding() {
        assertThat(get("/api/v1/users?limit=1", "gzip").has("vary: Accept-Encoding")).isTrue();
        assertThat(get("/api/v1/users?limit=1", null).has("vary: Accept-Encoding")).isTrue();
    }

    @Test
    void acceptEncodingIsReadWithItsWeights() {
        assertThat(get("/api/v1/users?limit=1", "gzip;q=0, identity").has("content-encoding")).as("gzip refused").isFalse();
        assertThat(get("/api/v1/users?limit=1", "*").has("content-encoding: gzip")).as("anything").isTrue();
        assertThat(get("/api/v1/users?limit=1", "*;q=0.5, gzip;q=0").has("content-encoding")).isFalse();
        assertThat(get("/api/v1/users?limit=1", "br, x-gzip;q=0.8").has("content-encoding: gzip")).isTrue();
        assertThat(get("/api/v1/users?limit=1", "br").has("content-encoding")).as("no coding the sandbox has").isFalse();
    }
}
