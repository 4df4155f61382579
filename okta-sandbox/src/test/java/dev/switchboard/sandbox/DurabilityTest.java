package dev.switchboard.sandbox;

import dev.switchboard.sandbox.store.DataDirectory;
import dev.switchboard.sandbox.store.FullDisk;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, point 7: the data directory keeps every write it acknowledged, through a full disk and a kill -9. While
 * the disk is full a write is refused with 503 E0000010 ("Service is in read only mode", Okta's code for a service
 * that cannot take writes, https://developer.okta.com/docs/reference/error-codes/) and changes nothing; once space
 * returns, writes are taken again; after the process is killed, every write that got a 2xx is there and none that
 * did not.
 */
class DurabilityTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> createUser(SandboxClient client, String login) {
        return client.post("/api/v1/users?activate=false", "{\"profile\":{\"login\":\"" + login + "\",\"email\":\"" + login
                + "\",\"firstName\":\"Dura\",\"lastName\":\"Ble\"}}");
    }

    @Test
    void aFullDiskRefusesWritesWith503AndChangesNothingUntilSpaceReturns() {
        FullDisk disk = new FullDisk();
        try (OktaSandbox sandbox = OktaSandbox.builder().users(3).dataDir(dir).fileChannels(disk).build()) {
            sandbox.start();
            SandboxClient client = new SandboxClient(sandbox.orgUrl(), sandbox.createApiToken("full"));
            int users = sandbox.userCount();
            int events = sandbox.logEventCount();

            disk.fill();
            HttpResponse<String> refused = createUser(client, "refused@example.com");

            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode error = SandboxClient.json(refused);
            assertThat(error.get("errorCode").asText()).isEqualTo("E0000010");
            assertThat(error.get("errorCauses").get(0).get("errorSummary").asText())
                    .contains("No space left on device").contains("the change was not made");
            assertThat(sandbox.userCount()).isEqualTo(users);
            assertThat(sandbox.logEventCount()).isEqualTo(events);
            assertThat(client.get("/api/v1/users/refused@example.com").statusCode()).as("reads still work").isEqualTo(404);

            disk.free();
            assertThat(createUser(client, "accepted@example.com").statusCode()).isEqualTo(200);
            assertThat(sandbox.userCount()).isEqualTo(users + 1);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesAFullDiskAndAKillMinus9() throws Exception {
        Path log = dir.resolveSibling(dir.getFileName() + "-child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DataDirectoryChild.class.getName(), dir.toString())
                .redirectError(log.toFile()).start();
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            String ready = out.readLine();
            assertThat(ready).as("the child's first line; its stderr: %s", readQuietly(log)).startsWith("READY ");
            String[] parts = ready.split(" ");
            SandboxClient client = new SandboxClient(URI.create(parts[1]), parts[2]);
            for (int i = 0; i < 60; i++) {
                if (i == 20 || i == 40) {
                    in.write(i == 20 ? "full\n" : "free\n");
                    in.flush();
                    assertThat(out.readLine()).startsWith("OK");
                }
                String login = "write" + i + "@example.com";
                HttpResponse<String> response = createUser(client, login);
                if (response.statusCode() == 200) {
                    acknowledged.add(SandboxClient.json(response).get("id").asText());
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                    refused.add(login);
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(acknowledged).hasSize(40);
        assertThat(refused).hasSize(20);

        try (OktaSandbox restarted = OktaSandbox.builder().dataDir(dir).build()) {
            restarted.start();
            SandboxClient client = new SandboxClient(restarted.orgUrl(), restarted.createApiToken("after"));
            for (String id : acknowledged) {
                assertThat(client.get("/api/v1/users/" + id).statusCode()).as(id).isEqualTo(200);
            }
            for (String login : refused) {
                assertThat(client.get("/api/v1/users/" + login).statusCode()).as(login).isEqualTo(404);
            }
            assertThat(restarted.userCount()).isEqualTo(5 + 40);
        }
        assertThat(Files.exists(dir.resolve(DataDirectory.JOURNAL))).isTrue();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(none)";
        }
    }
}
