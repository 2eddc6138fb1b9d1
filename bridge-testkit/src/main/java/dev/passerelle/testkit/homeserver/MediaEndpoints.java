package dev.passerelle.testkit.homeserver;

import dev.passerelle.testkit.homeserver.Routes.Auth;

/**
 * The media repository: upload on {@code /_matrix/media/v3/upload}; download on the authenticated
 * {@code /_matrix/client/v1/media/download/...} (current mode only) and on the legacy
 * {@code /_matrix/media/v3/download/...}, which a current homeserver has frozen (404, as Synapse does with
 * {@code enable_authenticated_media}) and an old one serves without authentication. The media config
 * ({@code m.upload.size}) is served on {@code /_matrix/client/v1/media/config} (current mode only) and on the legacy
 * {@code /_matrix/media/v3/config}; an upload above the limit is answered 413 {@code M_TOO_LARGE}.
 */
final class MediaEndpoints {
    private final FakeWorld world;
    private final FakeHomeserverOptions options;
    private final HomeserverTuning tuning;

    MediaEndpoints(FakeWorld world, FakeHomeserverOptions options, HomeserverTuning tuning) {
        this.world = world;
        this.options = options;
        this.tuning = tuning;
    }

    void register(Routes routes) {
        routes.add("POST", "/_matrix/media/v3/upload", Auth.USER, this::upload);
        routes.add("GET", "/_matrix/media/v3/config", Auth.USER, this::config);
        if (!options.oldHomeserverMode()) {
            routes.add("GET", "/_matrix/client/v1/media/config", Auth.USER, this::config);
            routes.add("GET", "/_matrix/client/v1/media/download/{server}/{mediaId}", Auth.USER, this::download);
            routes.add("GET", "/_matrix/client/v1/media/download/{server}/{mediaId}/{fileName}", Auth.USER,
                    this::download);
        }
        routes.add("GET", "/_matrix/media/v3/download/{server}/{mediaId}", Auth.NONE, this::legacyDownload);
        routes.add("GET", "/_matrix/media/v3/download/{server}/{mediaId}/{fileName}", Auth.NONE,
                this::legacyDownload);
    }

    private void config(Exchange ex) {
        var body = Exchange.object();
        tuning.maxUploadBytes().ifPresent(max -> body.put("m.upload.size", max));
        ex.ok(body);
    }

    private void upload(Exchange ex) {
        var max = tuning.maxUploadBytes();
        if (max.isPresent() && ex.rawBody.length > max.get()) {
            throw new MatrixError(413, "M_TOO_LARGE", "Cannot upload files larger than " + max.get() + " bytes");
        }
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
