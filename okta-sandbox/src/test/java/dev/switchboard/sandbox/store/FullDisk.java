package dev.switchboard.sandbox.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Real files on a disk that can be made full: while {@link #fill() full}, a write puts down at most half of its
 * bytes and then fails with "No space left on device", as a write that runs out of space does, and {@code force}
 * fails too; truncating still works (it frees space). {@link #free()} gives the space back.
 */
public final class FullDisk implements FileChannels {
    private final AtomicBoolean full = new AtomicBoolean();

    /** Makes the disk full: writes fail from now on. */
    public void fill() {
        full.set(true);
    }

    /** Frees the disk: writes succeed again. */
    public void free() {
        full.set(false);
    }

    @Override
    public FileChannel open(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        return new Channel(FileChannel.open(path, options, attributes));
    }

    private IOException noSpace() {
        return new IOException("No space left on device");
    }

    /** A channel whose writes fail while the disk is full. */
    private final class Channel extends FileChannel {
        private final FileChannel delegate;

        Channel(FileChannel delegate) {
            this.delegate = delegate;
        }

        private int writeSome(ByteBuffer source, long position) throws IOException {
            if (!full.get()) {
                return position < 0 ? delegate.write(source) : delegate.write(source, position);
            }
            int half = source.remaining() / 2;
            if (half > 0) {
                ByteBuffer part = source.duplicate();
                part.limit(part.position() + half);
                if (position < 0) {
                    delegate.write(part);
                } else {
                    delegate.write(part, position);
                }
            }
            throw noSpace();
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return writeSome(source, -1);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            return writeSome(source, position);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (full.get()) {
                throw noSpace();
            }
            delegate.force(metaData);
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return delegate.read(destination);
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            return delegate.read(destinations, offset, length);
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return delegate.read(destination, position);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            if (full.get()) {
                throw noSpace();
            }
            return delegate.transferFrom(source, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
