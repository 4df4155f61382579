package dev.switchboard.sandbox.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data directory keeps what it acknowledged (issue 16, point 7): a change is on disk when {@code record}
 * returns; a change it cannot write is refused and leaves nothing behind, not even half a line; a damaged line stops
 * the start instead of hiding the records after it; the files are readable by their owner only.
 */
class DataDirectoryTest {
    @TempDir
    Path dir;

    private static Journal.Change user(String id) {
        return Journal.Change.of("user", id, () -> Map.of("id", id, "login", id + "@example.com"));
    }

    private static Map<String, Map<String, Object>> users(DataDirectory data) {
        return data.load().orElseThrow().getOrDefault("user", Map.of());
    }

    private DataDirectory fresh(FileChannels files) {
        DataDirectory data = DataDirectory.open(dir, files);
        data.writeSnapshot(Map.of());
        return data;
    }

    @Test
    void aRecordedChangeIsInTheJournalWhenRecordReturnsWithoutClose() throws IOException {
        DataDirectory data = fresh(FileChannels.SYSTEM);
        data.journal().record(List.of(user("00u1"), user("00u2")));

        String journal = Files.readString(dir.resolve(DataDirectory.JOURNAL));

        assertThat(journal.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"kind\":\"user\""));
        assertThat(journal).endsWith("\n");
        data.close();
    }

    @Test
    void aFullDiskRefusesTheChangeLeavesNoHalfLineAndWritesResumeWhenSpaceReturns() throws IOException {
        FullDisk disk = new FullDisk();
        DataDirectory data = fresh(disk);
        Journal journal = data.journal();
        journal.record(List.of(user("00uBefore")));
        long before = Files.size(dir.resolve(DataDirectory.JOURNAL));

        disk.fill();
        assertThatThrownBy(() -> journal.record(List.of(user("00uRefused1"), user("00uRefused2"))))
                .isInstanceOf(DataDirectory.WriteFailedException.class)
                .hasMessageContaining("No space left on device").hasMessageContaining("the change was not made");
        assertThat(Files.size(dir.resolve(DataDirectory.JOURNAL))).as("the half-written change is cut away").isEqualTo(before);
        disk.free();
        journal.record(List.of(user("00uAfter")));
        data.close();

        try (DataDirectory reopened = DataDirectory.open(dir)) {
            assertThat(users(reopened)).containsOnlyKeys("00uBefore", "00uAfter");
        }
    }

    @Test
    void aDamagedLineBeforeTheEndStopsTheStartNamingTheLine() throws IOException {
        DataDirectory data = fresh(FileChannels.SYSTEM);
        data.journal().record(List.of(user("00u1"), user("00u2")));
        data.close();
        Path file = dir.resolve(DataDirectory.JOURNAL);
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(0) + "\n{\"kind\":\"user\",\"id\":\"00uX\",\"sta\n" + lines.get(1) + "\n"
                + "{\"kind\":\"user\",\"id\":\"00u3\",\"state\":{}}\n");

        try (DataDirectory reopened = DataDirectory.open(dir)) {
            assertThatThrownBy(reopened::load).isInstanceOf(DataDirectory.DamagedJournalException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("line 2")
                    .hasMessageContaining("2 more line(s) follow it");
        }
    }

    @Test
    void aLineThatIsJsonButNotAChangeRecordIsDamagedToo() throws IOException {
        fresh(FileChannels.SYSTEM).close();
        Files.writeString(dir.resolve(DataDirectory.JOURNAL), "[1,2]\n{\"kind\":\"user\",\"id\":\"00u1\",\"state\":{}}\n");

        try (DataDirectory reopened = DataDirectory.open(dir)) {
            assertThatThrownBy(reopened::load).isInstanceOf(DataDirectory.DamagedJournalException.class)
                    .hasMessageContaining("line 1");
        }
    }

    @Test
    void aLastLineCutShortByACrashIsDroppedAndEverythingBeforeItKept() throws IOException {
        DataDirectory data = fresh(FileChannels.SYSTEM);
        data.journal().record(List.of(user("00u1"), user("00u2")));
        data.close();
        Files.writeString(dir.resolve(DataDirectory.JOURNAL), "{\"kind\":\"user\",\"id\":\"00uTorn\",\"sta",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (DataDirectory reopened = DataDirectory.open(dir)) {
            assertThat(users(reopened)).containsOnlyKeys("00u1", "00u2");
        }
    }

    @Test
    void aRemovalInTheJournalRemovesTheSavedRecord() {
        DataDirectory data = fresh(FileChannels.SYSTEM);
        data.journal().record(List.of(user("00u1"), user("00u2"), Journal.Change.removal("user", "00u1")));
        data.close();

        try (DataDirectory reopened = DataDirectory.open(dir)) {
            assertThat(users(reopened)).containsOnlyKeys("00u2");
        }
    }

    @Test
    void everyFileOfTheDirectoryIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path created = dir.resolve("org");
        DataDirectory data = DataDirectory.open(created);
        data.writeSnapshot(Map.of("org", List.of(new DataDirectory.Record("settings", Map.of("seed", 1)))));
        data.journal().record(List.of(user("00u1")));
        data.writeSnapshot(Map.of());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
        try (var files = Files.list(created)) {
            assertThat(files.toList()).hasSize(3).allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------"));
        }
        data.close();
    }

    @Test
    void filesAnOlderSandboxLeftReadableByOthersAreMadeOwnerOnlyWhenOpened() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Files.writeString(dir.resolve(DataDirectory.SNAPSHOT), "{\"version\":1,\"records\":{}}");
        Files.setPosixFilePermissions(dir.resolve(DataDirectory.SNAPSHOT), PosixFilePermissions.fromString("rw-r--r--"));

        try (DataDirectory data = DataDirectory.open(dir)) {
            assertThat(data.load()).isEqualTo(Optional.of(Map.of()));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DataDirectory.SNAPSHOT))))
                    .isEqualTo("rw-------");
        }
    }
}
