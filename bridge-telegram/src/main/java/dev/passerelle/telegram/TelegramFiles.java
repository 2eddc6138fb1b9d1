package dev.passerelle.telegram;

import dev.passerelle.core.spi.MediaSource;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.RemoteAvatar;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.TdFile;
import java.io.IOException;
import java.nio.file.Path;

/** Telegram files as the engine reads them: downloaded by TDLib ({@code downloadFile}) when first opened. */
final class TelegramFiles {

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
                return java.nio.file.Files.newInputStream(Path.of(done.local().path()));
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
}
