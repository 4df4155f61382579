package dev.switchboard.sandbox.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A directory that keeps an org across restarts: a snapshot ({@value #SNAPSHOT}) and a journal of the changes
 * made since ({@value #JOURNAL}, one JSON object per line).
 *
 * <p><b>What is acknowledged is kept.</b> Each change is written to the journal and forced to the disk
 * ({@link FileChannel#force(boolean)}, fsync) before the request that made it is answered, so neither a killed
 * process nor a crashed machine loses a change that got a 2xx. The changes of one request are written as one unit.
 * When a write fails (a full disk, an I/O error), the journal is cut back to its last complete change, the change is
 * refused ({@link WriteFailedException}, answered 503) and the org is left as it was; the next write tries again,
 * so the sandbox takes writes again as soon as the disk has room.
 *
 * <p><b>Loading.</b> The snapshot is read, then the journal replayed. A last line without its newline is a write
 * a crash cut short: it was never acknowledged, so it is dropped with a warning. Any other line that is not a
 * change record stops the start with {@link DamagedJournalException}, naming the file and line, rather than
 * dropping the good records after it. The owner then writes a new snapshot, which empties the journal. A snapshot
 * is written to a temporary file, forced to disk and renamed over the old one (and the directory forced), so a
 * crash leaves either the old or the new snapshot, never half of one.
 *
 * <p><b>Privacy.</b> The files hold profiles and token hashes: they are created readable and writable by their
 * owner only ({@code rw-------}) on file systems with POSIX permissions, and a directory created here is
 * {@code rwx------}. Secrets are never written: API and access tokens are kept as SHA-256 hashes.
 *
 * <p>File format, version 1: the snapshot is {@code {"version":1,"records":{"kind":{"id":{...},...},...}}}; a
 * journal line is {@code {"kind":"user","id":"00u...","state":{...}}}, with {@code "state":null} for a removal.
 */
public final class DataDirectory implements AutoCloseable {
    /** The snapshot's file name. */
    public static final String SNAPSHOT = "org.json";
    /** The journal's file name. */
    public static final String JOURNAL = "journal.jsonl";
    /** The lock file's name: held by the one sandbox that uses the directory. */
    public static final String LOCK = "org.lock";

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<StandardOpenOption> JOURNAL_OPTIONS = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);

    private final Path directory;
    private final FileChannels files;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel journal;
    /** The journal's length up to the end of its last complete, forced change. */
    private long journalLength;

    private DataDirectory(Path directory, FileChannels files, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.files = files;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Whether a directory holds a saved org.
     *
     * @param directory a directory, which may not exist
     * @return true when it has a snapshot or a journal
     */
    public static boolean holdsOrg(Path directory) {
        return Files.exists(directory.resolve(SNAPSHOT)) || Files.exists(directory.resolve(JOURNAL));
    }

    /**
     * Opens a data directory on the real file system, creating it when missing, and locks it for this process.
     *
     * @param directory the directory
     * @return the data directory, with no journal open yet
     * @throws UncheckedIOException when the directory cannot be created or locked
     * @throws InUseException when another sandbox holds the directory
     */
    public static DataDirectory open(Path directory) {
        return open(directory, FileChannels.SYSTEM);
    }

    /**
     * Opens a data directory whose files are written through the given channels, creating it when missing, and
     * locks it for this process until {@link #close()}.
     *
     * @param directory the directory
     * @param files opens the files written: the lock, the journal and the snapshot
     * @return the data directory, with no journal open yet
     * @throws UncheckedIOException when the directory cannot be created or locked
     * @throws InUseException when another sandbox holds the directory
     */
    public static DataDirectory open(Path directory, FileChannels files) {
        Path absolute = directory.toAbsolutePath();
        FileChannel channel = null;
        try {
            if (!Files.isDirectory(absolute)) {
                createDirectories(absolute);
            }
            channel = files.open(absolute.resolve(LOCK), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    ownerOnly());
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InUseException(absolute);
            }
            restrict(absolute.resolve(LOCK));
            restrict(absolute.resolve(SNAPSHOT));
            restrict(absolute.resolve(JOURNAL));
            return new DataDirectory(absolute, files, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the original failure matters more
                }
            }
            throw new UncheckedIOException("cannot open the data directory " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** A data directory that another sandbox (in this or another process) is using. */
    public static final class InUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        InUseException(Path directory) {
            super("the data directory " + directory + " is in use by another sandbox");
        }
    }

    /**
     * A change the data directory could not keep (a full disk, an I/O error): it was not made. The journal is as it
     * was before the attempt, and the next change tries the disk again.
     */
    public static final class WriteFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(Path directory, IOException cause) {
            super("the sandbox cannot write its data directory " + directory + " (" + cause.getMessage()
                    + "), so the change was not made; free space or fix the disk, then retry", cause);
        }
    }

    /**
     * A journal with a line that is not a change record before its end: the org cannot be loaded without losing the
     * records after it, so the start stops.
     */
    public static final class DamagedJournalException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DamagedJournalException(Path journal, int line, int following, String reason) {
            super("the journal " + journal + " is damaged at line " + line + " (" + reason + "), and " + following
                    + " more line(s) follow it; the sandbox did not start, so that none of them is lost. Repair or"
                    + " remove line " + line + " (each line is one JSON change record: {\"kind\",\"id\",\"state\"})"
                    + " and start again");
        }
    }

    /**
     * The directory's path.
     *
     * @return an absolute path
     */
    public Path path() {
        return directory;
    }

    /**
     * Reads the saved org: the snapshot with the journal replayed over it.
     *
     * @return the records by kind, then by id, in the order they were first saved; empty when the directory holds
     *     neither snapshot nor journal (a new org)
     * @throws UncheckedIOException when a file cannot be read or the snapshot is not this format
     * @throws DamagedJournalException when a journal line before its last is not a change record
     */
    public Optional<Map<String, Map<String, Map<String, Object>>>> load() {
        Path snapshot = directory.resolve(SNAPSHOT);
        Path journalFile = directory.resolve(JOURNAL);
        if (!Files.exists(snapshot) && !Files.exists(journalFile)) {
            return Optional.empty();
        }
        Map<String, Map<String, Map<String, Object>>> records = new LinkedHashMap<>();
        if (Files.exists(snapshot)) {
            readSnapshot(snapshot, records);
        }
        if (Files.exists(journalFile)) {
            replay(journalFile, records);
        }
        return Optional.of(records);
    }

    /**
     * Writes a new snapshot atomically, then empties the journal and keeps it open for appending.
     *
     * @param records the whole org: records by kind, each with its id
     * @throws UncheckedIOException when the snapshot cannot be written; the previous snapshot and journal stay
     */
    public synchronized void writeSnapshot(Map<String, ? extends Collection<Record>> records) {
        Path target = directory.resolve(SNAPSHOT);
        Path temporary = directory.resolve(SNAPSHOT + ".tmp");
        try {
            try (FileChannel channel = files.open(temporary, JOURNAL_OPTIONS, ownerOnly())) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                try (JsonGenerator json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                    json.writeStartObject();
                    json.writeNumberField("version", 1);
                    json.writeObjectFieldStart("records");
                    for (Map.Entry<String, ? extends Collection<Record>> kind : records.entrySet()) {
                        json.writeObjectFieldStart(kind.getKey());
                        for (Record record : kind.getValue()) {
                            json.writeFieldName(record.id());
                            JSON.writeValue(json, record.state());
                        }
                        json.writeEndObject();
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                }
                out.flush();
                channel.force(true);
            }
            restrict(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
            if (journal != null) {
                journal.close();
                journal = null;
            }
            journal = files.open(directory.resolve(JOURNAL), JOURNAL_OPTIONS, ownerOnly());
            journal.force(true);
            journalLength = 0;
            restrict(directory.resolve(JOURNAL));
            forceDirectory();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original failure matters more
            }
            throw new UncheckedIOException("cannot write the snapshot " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The journal that appends to this directory; usable after {@link #writeSnapshot(Map)}.
     *
     * @return a journal whose every call is on disk before it returns
     */
    public Journal journal() {
        return this::append;
    }

    private synchronized void append(List<Journal.Change> changes) {
        if (journal == null) {
            throw new IllegalStateException("the data directory's journal is not open; write a snapshot first");
        }
        if (changes.isEmpty()) {
            return;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream(256 * changes.size());
        for (Journal.Change change : changes) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", change.kind());
            line.put("id", change.id());
            line.put("state", change.state().get().orElse(null));
            try {
                JSON.writeValue(lines, line);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write a change record as JSON (a bug)", e);
            }
            lines.write('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toByteArray());
        long position = journalLength;
        try {
            if (journal.size() > journalLength) {
                journal.truncate(journalLength);
            }
            while (bytes.hasRemaining()) {
                position += journal.write(bytes, position);
            }
            journal.force(false);
            journalLength = position;
        } catch (IOException e) {
            try {
                journal.truncate(journalLength);
            } catch (IOException ignored) {
                // truncated again before the next write
            }
            throw new WriteFailedException(directory, e);
        }
    }

    /** Closes the journal and releases the directory; later changes cannot be recorded. */
    @Override
    public synchronized void close() {
        try {
            if (journal != null) {
                journal.close();
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            journal = null;
        }
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can force a directory (Windows cannot open one); the files themselves are forced
        }
    }

    private static void createDirectories(Path directory) throws IOException {
        if (isPosix()) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    /** Makes an existing file owner-only, e.g. one written by an older sandbox with the default permissions. */
    private static void restrict(Path file) throws IOException {
        if (isPosix() && Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void readSnapshot(Path snapshot, Map<String, Map<String, Map<String, Object>>> records) {
        try (JsonParser json = JSON.getFactory().createParser(snapshot.toFile())) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals("version")) {
                    if (json.getIntValue() != 1) {
                        throw new IOException("unsupported snapshot version " + json.getText());
                    }
                } else if (field.equals("records")) {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        Map<String, Map<String, Object>> kind = records.computeIfAbsent(json.currentName(),
                                name -> new LinkedHashMap<>());
                        json.nextToken();
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String id = json.currentName();
                            json.nextToken();
                            kind.put(id, JSON.readValue(json, MAP));
                        }
                    }
                } else {
                    json.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot " + snapshot + ": " + e.getMessage(), e);
        }
    }

    private static void replay(Path journalFile, Map<String, Map<String, Map<String, Object>>> records) {
        byte[] content;
        try {
            content = Files.readAllBytes(journalFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + journalFile + ": " + e.getMessage(), e);
        }
        List<String> lines = List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1));
        boolean endsWithNewline = content.length == 0 || content[content.length - 1] == '\n';
        int count = endsWithNewline ? lines.size() - 1 : lines.size();
        for (int index = 0; index < count; index++) {
            String line = lines.get(index);
            if (line.isBlank()) {
                continue;
            }
            boolean last = index == count - 1;
            ParsedChange change;
            try {
                change = ParsedChange.parse(line);
            } catch (IOException | IllegalArgumentException e) {
                if (last && !endsWithNewline) {
                    LOG.warn("{} ends with a change cut short by a crash (line {}); it was never acknowledged and is"
                            + " dropped", journalFile, index + 1);
                    return;
                }
                throw new DamagedJournalException(journalFile, index + 1, count - index - 1, e.getMessage());
            }
            Map<String, Map<String, Object>> byId = records.computeIfAbsent(change.kind(), name -> new LinkedHashMap<>());
            change.state().ifPresentOrElse(state -> byId.put(change.id(), state), () -> byId.remove(change.id()));
        }
    }

    /** One journal line, read back. */
    private record ParsedChange(String kind, String id, Optional<Map<String, Object>> state) {
        @SuppressWarnings("unchecked")
        static ParsedChange parse(String line) throws IOException {
            Map<String, Object> change = JSON.readValue(line, MAP);
            if (!(change.get("kind") instanceof String kind) || !(change.get("id") instanceof String id)) {
                throw new IllegalArgumentException("a change record needs a \"kind\" and an \"id\" string");
            }
            Object state = change.get("state");
            if (state != null && !(state instanceof Map)) {
                throw new IllegalArgumentException("\"state\" must be an object or null");
            }
            return new ParsedChange(kind, id, Optional.ofNullable((Map<String, Object>) state));
        }
    }

    /**
     * One saved record.
     *
     * @param id the record's id within its kind
     * @param state its JSON values
     */
    public record Record(String id, Map<String, Object> state) {
    }
}
