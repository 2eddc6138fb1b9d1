package dev.passerelle.core.matrix;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.OptionalLong;

/**
 * A write stream that passes at most {@code cap} bytes on and fails the write that would pass more (with a
 * {@link MediaTooLargeException}), so that a download stops as soon as it is too large, whatever its headers said.
 */
final class CappedWriteStream implements WriteStream<Buffer> {

    private final WriteStream<Buffer> delegate;
    private final long cap;
    private long written;

    CappedWriteStream(WriteStream<Buffer> delegate, long cap) {
        this.delegate = delegate;
        this.cap = cap;
    }

    /** Bytes passed on so far. */
    long written() {
        return written;
    }

    @Override
    public CappedWriteStream exceptionHandler(Handler<Throwable> handler) {
        delegate.exceptionHandler(handler);
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (written + data.length() > cap) {
            return Future.failedFuture(new MediaTooLargeException(cap, OptionalLong.empty()));
        }
        written += data.length();
        return delegate.write(data);
    }

    @Override
    public Future<Void> end() {
        return delegate.end();
    }

    @Override
    public CappedWriteStream setWriteQueueMaxSize(int maxSize) {
        delegate.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return delegate.writeQueueFull();
    }

    @Override
    public CappedWriteStream drainHandler(Handler<Void> handler) {
        delegate.drainHandler(handler);
        return this;
    }
}
