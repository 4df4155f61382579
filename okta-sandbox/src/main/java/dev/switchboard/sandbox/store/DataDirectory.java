package dev.switchboard.sandbox.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A directory that keeps an org across restarts: a snapshot ({@value #SNAPSHOT}) and a journal of the changes
 * made since ({@value #JOURNAL}, one JSON object per line).
 *
 * <p>Every change is appended to the journal and flushed to the operating system before the request that made it
 * is answered, so a stopped or killed process loses nothing. Loading reads the snapshot, replays the journal
 * (ignoring a torn last line), and the owner then writes a new snapshot, which empties the journal. A snapshot is
 * written to a temporary file in the same directory, forced to disk and renamed over the old one, so a crash
 * leaves either the old or the new snapshot, never half of one.
 *
 * <p>File format, version 1: the snapshot is {@code {"version":1,"records":{"kind":{"id":{...},...},...}}}; a
 * journal line is {@code {"kind":"user","id":"00u...","state":{...}}}, with {@code "state":null} for a removal.
 * Secrets are never written: API tokens are kept as SHA-256 hashes.
 */
public final class DataDirectory implements AutoCloseable {
    /** The snapshot's file name. */
    public static final String SNAPSHOT = "org.json";
    /** The journal's file name. */
    public static final String JOURNAL = "journal.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** The lock file's name: held by the one sandbox that uses the directory. */
    public static final String LOCK = "org.lock";

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private OutputStream journal;

    private DataDirectory(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
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
     * Opens a data directory, creating it when missing, and locks it for this process until {@link #close()}.
     *
     * @param directory the directory
     * @return the data directory, with no journal open yet
     * @throws UncheckedIOException when the directory cannot be created or locked
     * @throws InUseException when another sandbox holds the directory
     */
    public static DataDirectory open(Path directory) {
        Path absolute = directory.toAbsolutePath();
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute);
            channel = FileChannel.open(absolute.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
            return new DataDirectory(absolute, channel, lock);
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
     * @throws UncheckedIOException when the snapshot cannot be written
     */
    public synchronized void writeSnapshot(Map<String, ? extends Collection<Record>> records) {
        Path target = directory.resolve(SNAPSHOT);
        Path temporary = directory.resolve(SNAPSHOT + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary);
                    JsonGenerator json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
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
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (journal != null) {
                journal.close();
            }
            journal = Files.newOutputStream(directory.resolve(JOURNAL), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot " + target, e);
        }
    }

    /**
     * The journal that appends to this directory; usable after {@link #writeSnapshot(Map)}.
     *
     * @return a journal whose every record is flushed before it returns
     */
    public Journal journal() {
        return this::append;
    }

    private synchronized void append(String kind, String id, Supplier<Optional<Map<String, Object>>> state) {
        if (journal == null) {
            throw new IllegalStateException("the data directory's journal is not open; write a snapshot first");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind);
        line.put("id", id);
        line.put("state", state.get().orElse(null));
        try {
            byte[] bytes = JSON.writeValueAsBytes(line);
            journal.write(bytes);
            journal.write('\n');
            journal.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal in " + directory, e);
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
        try (BufferedReader reader = Files.newBufferedReader(journalFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> change;
                try {
                    change = JSON.readValue(line, MAP);
                } catch (IOException torn) {
                    break; // a line cut short by a crash: every complete change before it is kept
                }
                String kind = Objects.toString(change.get("kind"));
                String id = Objects.toString(change.get("id"));
                Map<String, Map<String, Object>> byId = records.computeIfAbsent(kind, name -> new LinkedHashMap<>());
                if (change.get("state") instanceof Map<?, ?> state) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) state;
                    byId.put(id, typed);
                } else {
                    byId.remove(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + journalFile, e);
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
