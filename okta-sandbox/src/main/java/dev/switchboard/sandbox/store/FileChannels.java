package dev.switchboard.sandbox.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * Opens the files of a data directory. The default opens real files; tests substitute channels that fail as a
 * full disk does, to check that the sandbox refuses writes it cannot keep and loses none it acknowledged.
 */
@FunctionalInterface
public interface FileChannels {
    /** Java's own {@link FileChannel#open(Path, Set, FileAttribute[])}. */
    FileChannels SYSTEM = FileChannel::open;

    /**
     * Opens or creates a file.
     *
     * @param path the file
     * @param options how to open it, as {@link FileChannel#open(Path, Set, FileAttribute[])} takes them
     * @param attributes the attributes of a file created now, e.g. its POSIX permissions
     * @return the channel
     * @throws IOException when the file cannot be opened or created
     */
    FileChannel open(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes) throws IOException;
}
