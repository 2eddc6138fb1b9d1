package dev.passerelle.testkit.homeserver;

import dev.passerelle.testkit.homeserver.Routes.Auth;

/**
 * The media repository: upload on {@code /_matrix/media/v3/upload}; download on the authenticated
 * {@code /_matrix/client/v1/media/download/...} (current mode only) and on the legacy
 * {@code /_matrix/media/v3/download/...}, which a current homeserver has frozen (404, as Synapse does with
 * {@code enable_authenticated_media}) and an old one serves without authentication.
 */
final class MediaEndpoints {
    private final FakeWorld world;
    private final FakeHomeserverOptions options;

    MediaEndpoints(FakeWorld world, FakeHomeserverOptions options) {
        this.world = world;
        this.options = options;
    }

    void register(Routes routes) {
        routes.add("POST", "/_matrix/media/v3/upload", Auth.USER, this::upload);
        if (!options.oldHomeserverMode()) {
            routes.add("GET", "/_matrix/client/v1/media/download/{server}/{mediaId}", Auth.USER, this::download);
            routes.add("GET", "/_matrix/client/v1/media/download/{server}/{mediaId}/{fileName}", Auth.USER,
                    this::download);
        }
        routes.add("GET", "/_matrix/media/v3/download/{server}/{mediaId}", Auth.NONE, this::legacyDownload);
        routes.add("GET", "/_matrix/media/v3/download/{server}/{mediaId}/{fileName}", Auth.NONE,
                this::legacyDownload);
    }

    private void upload(Exchange ex) {
        String contentType = ex.request.getHeader("Content-Type");
        String uri = world.storeMedia(new StoredMedia(ex.rawBody,
                contentType == null ? "application/octet-stream" : contentType, ex.query("filename"),
                ex.actingUser()));
        ex.ok(Exchange.object().put("content_uri", uri));
    }

    private void download(Exchange ex) {
        StoredMedia m = world.media(ex.param("server"), ex.param("mediaId"))
                .orElseThrow(() -> MatrixError.notFound("Not found"));
        ex.bytes(200, m.contentType(), m.bytes(), m.filename());
    }

    private void legacyDownload(Exchange ex) {
        if (!options.oldHomeserverMode()) {
            throw MatrixError.notFound("Not found");
        }
        download(ex);
    }
}
