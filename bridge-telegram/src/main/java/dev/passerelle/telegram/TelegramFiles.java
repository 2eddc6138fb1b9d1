package dev.passerelle.telegram;

import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.TdFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram files as the engine reads them: downloaded by TDLib ({@code downloadFile}) when first opened, and
 * removed from TDLib's cache ({@code deleteFile}) once the engine has read them, since the copy that matters is then
 * on Matrix. Opening again downloads again.
 */
final class TelegramFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramFiles.class);

    private final Requests requests;

    TelegramFiles(Requests requests) {
        this.requests = requests;
    }

    MediaSource source(TdFile file) {
        return () -> {
            try {
                TdFile done = requests.call(new MessageRequest.DownloadFile(file.id(), 16, 0, 0, true));
                if (done.local() == null || !done.local().isDownloadingCompleted()) {
                    throw new IOException("Telegram did not finish downloading file " + file.id());
                }
                return new DeletedOnClose(Files.newInputStream(Path.of(done.local().path())), file.id());
            } catch (NetworkException e) {
                throw new IOException("Could not download the file from Telegram: " + e.getMessage(), e);
            }
        };
    }

    /** A picture, known by its unique id so that the engine fetches it once. */
    RemoteAvatar avatar(TdFile file) {
        String id = file.remote() != null && file.remote().uniqueId() != null && !file.remote().uniqueId().isEmpty()
                ? file.remote().uniqueId() : "file-" + file.id();
        return new RemoteAvatar(id, source(file));
    }

    /**
     * The downloaded bytes; closing deletes the local copy. Another reader of the same file keeps reading: the
     * open descriptor outlives the deletion.
     */
    private final class DeletedOnClose extends FilterInputStream {

        private final int fileId;
        private boolean closed;

        DeletedOnClose(InputStream in, int fileId) {
            super(in);
            this.fileId = fileId;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                super.close();
            } finally {
                try {
                    requests.call(new MessageRequest.DeleteFile(fileId));
                } catch (NetworkException e) {
                    // left in TDLib's cache; the account's storage grows by this file, nothing else is lost
                    LOG.warn("Could not remove Telegram file {} from TDLib's cache after reading it: {}", fileId,
                            e.getMessage());
                }
            }
        }
    }
}
