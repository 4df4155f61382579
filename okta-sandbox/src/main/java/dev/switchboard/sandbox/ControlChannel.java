package dev.switchboard.sandbox;

import dev.switchboard.sandbox.errors.ErrorCode;
import dev.switchboard.sandbox.errors.OktaException;
import dev.switchboard.sandbox.server.ApiEndpoints;
import dev.switchboard.sandbox.server.JsonResponses;
import dev.switchboard.sandbox.server.RequestBodies;
import dev.switchboard.sandbox.tokens.ApiTokenStore;
import dev.switchboard.sandbox.wire.OktaIds;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * How {@code switchboard sandbox token create} reaches a sandbox that is serving a data directory: the sandbox
 * writes {@value #FILE} (its URL and a random control secret, owner-readable only) into the directory when it
 * starts and removes it when it closes; {@code POST /sandbox/v1/api-tokens} with the secret in
 * {@value #HEADER} creates a token there, as the Admin Console would. This path is the sandbox's own, not
 * Okta's (Okta's API cannot create tokens).
 */
final class ControlChannel implements ApiEndpoints {
    static final String FILE = "control.json";
    static final String HEADER = "X-Sandbox-Control";
    static final String PATH = "/sandbox/v1/api-tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final BiFunction<String, String, ApiTokenStore.IssuedToken> create;

    /**
     * A channel.
     *
     * @param create creates a token from a name and an optional user id (null for the org's admin)
     */
    ControlChannel(BiFunction<String, String, ApiTokenStore.IssuedToken> create) {
        this.secret = OktaIds.alphanumerics(new SecureRandom(), 40);
        this.create = create;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, ctx -> {
            String given = ctx.header(HEADER);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    secret.getBytes(StandardCharsets.UTF_8))) {
                throw OktaException.of(ErrorCode.E0000011);
            }
            Map<String, Object> body = RequestBodies.object(ctx);
            if (!(body.get("name") instanceof String name) || name.isBlank()) {
                throw OktaException.withCauses(ErrorCode.E0000001, "name", List.of("name: The field cannot be left blank"));
            }
            ApiTokenStore.IssuedToken issued = create.apply(name, body.get("userId") instanceof String id ? id : null);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", issued.token().id());
            answer.put("name", issued.token().name());
            answer.put("userId", issued.token().userId());
            answer.put("token", issued.secret());
            ctx.header("Cache-Control", "no-store");
            JsonResponses.write(ctx, answer);
        });
    }

    /** Writes the control file of a started sandbox. */
    void publish(Path directory, URI orgUrl) {
        Path file = directory.resolve(FILE);
        byte[] content = JsonResponses.bytes(Map.of("orgUrl", orgUrl.toString(), "secret", secret));
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                // not a POSIX file system: the file is created below with default permissions
            }
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the control file when the sandbox stops. */
    static void withdraw(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a token through the sandbox serving a data directory. */
    static OktaSandbox.CreatedToken createThrough(Path directory, String name) {
        Path file = directory.resolve(FILE);
        Map<String, String> control;
        try {
            control = JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("the data directory " + directory + " is in use, but its sandbox left no "
                    + FILE + " to reach it", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(control.get("orgUrl") + PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(HEADER, control.get("secret"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JsonResponses.bytes(Map.of("name", name))))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the sandbox at " + control.get("orgUrl") + " refused to create the token: HTTP "
                        + response.statusCode());
            }
            Map<String, Object> answer = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
            return new OktaSandbox.CreatedToken((String) answer.get("id"), (String) answer.get("name"),
                    (String) answer.get("token"), java.util.Optional.of(URI.create(control.get("orgUrl"))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the sandbox at " + control.get("orgUrl") + " that serves "
                    + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
