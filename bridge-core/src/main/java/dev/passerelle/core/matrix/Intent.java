package dev.passerelle.core.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.matrix.MatrixRequest.RetryMode;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.util.Optional;

/**
 * Acts as one Matrix user (the bot or a ghost) with the as_token and {@code user_id} masquerading. Every method
 * blocks (call it from a virtual thread) and throws {@link MatrixException} when the homeserver refuses. A ghost
 * is registered on its first call ({@link #ensureRegistered()}), once per client.
 */
public final class Intent {
    private static final String ROOM = "/_matrix/client/v3/rooms/{roomId}";
    private final MatrixClient client;
    private final String userId;
    private final ObjectMapper mapper;
    /** Another appservice's token for a double puppet; empty for the bridge's own users. */
    private final Optional<String> token;

    Intent(MatrixClient client, String userId) {
        this(client, userId, Optional.empty());
    }

    Intent(MatrixClient client, String userId, Optional<String> token) {
        this.client = client;
        this.userId = userId;
        this.mapper = client.mapper();
        this.token = token;
    }

    /** Whether this intent is a real user's double puppet (see {@link MatrixClient#doublePuppet}). */
    public boolean isDoublePuppet() {
        return token.isPresent();
    }

    /** The user this intent acts as. */
    public String userId() {
        return userId;
    }

    /**
     * Registers the user with the homeserver ({@code m.login.application_service}); {@code M_USER_IN_USE} counts as
     * done. Remembered, so only the first call per user contacts the homeserver.
     */
    public void ensureRegistered() {
        if (client.isRegistered(userId)) {
            return;
        }
        String localpart = userId.substring(1, userId.indexOf(':'));
        ObjectNode body = mapper.createObjectNode().put("type", "m.login.application_service")
                .put("username", localpart).put("inhibit_login", true);
        try {
            client.send(MatrixRequest.of(HttpMethod.POST, "/_matrix/client/v3/register").json(body));
        } catch (MatrixException e) {
            if (!e.errcode().equals("M_USER_IN_USE")) {
                throw e;
            }
        }
        client.markRegistered(userId);
    }

    /** {@code GET /account/whoami}: the user id the homeserver sees this intent as. */
    public String whoami() {
        return call(MatrixRequest.of(HttpMethod.GET, "/_matrix/client/v3/account/whoami"))
                .requireText(mapper, "user_id", "whoami");
    }

    /** Creates a room with this user as creator; returns its room id. Not repeated after an ambiguous failure. */
    public String createRoom(CreateRoomRequest request) {
        return call(MatrixRequest.of(HttpMethod.POST, "/_matrix/client/v3/createRoom")
                .json(request.toJson(mapper)).retry(RetryMode.IF_NOT_PROCESSED))
                .requireText(mapper, "room_id", "createRoom");
    }

    public void invite(String roomId, String invitee) {
        call(MatrixRequest.of(HttpMethod.POST, ROOM + "/invite", roomId)
                .json(mapper.createObjectNode().put("user_id", invitee)));
    }

    /** Joins by room id or alias; returns the room id. */
    public String join(String roomIdOrAlias) {
        return call(MatrixRequest.of(HttpMethod.POST, "/_matrix/client/v3/join/{roomIdOrAlias}", roomIdOrAlias)
                .json(mapper.createObjectNode())).requireText(mapper, "room_id", "join");
    }

    public void leave(String roomId) {
        call(MatrixRequest.of(HttpMethod.POST, ROOM + "/leave", roomId).json(mapper.createObjectNode()));
    }

    /** Removes {@code target} from the room. */
    /** {@code GET /members}: every user who is or was in the room, with their membership ({@code join}, ...). */
    public java.util.Map<String, String> members(String roomId) {
        ObjectNode body = call(MatrixRequest.of(HttpMethod.GET, ROOM + "/members", roomId)).json(mapper);
        java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
        body.path("chunk").forEach(e -> members.put(e.path("state_key").asText(),
                e.path("content").path("membership").asText("")));
        return members;
    }

    public void kick(String roomId, String target, Optional<String> reason) {
        ObjectNode body = mapper.createObjectNode().put("user_id", target);
        reason.ifPresent(r -> body.put("reason", r));
        call(MatrixRequest.of(HttpMethod.POST, ROOM + "/kick", roomId).json(body));
    }

    /** The content of a state event; empty when the room has no such state (404 {@code M_NOT_FOUND}). */
    public Optional<ObjectNode> getState(String roomId, String eventType, String stateKey) {
        try {
            return Optional.of(call(MatrixRequest.of(HttpMethod.GET, ROOM + "/state/{eventType}/{stateKey}",
                    roomId, eventType, stateKey)).json(mapper));
        } catch (MatrixException.NotFound e) {
            if (e.errcode().equals("M_NOT_FOUND")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets a state event; returns its event id. */
    public String putState(String roomId, String eventType, String stateKey, ObjectNode content) {
        return call(MatrixRequest.of(HttpMethod.PUT, ROOM + "/state/{eventType}/{stateKey}", roomId, eventType,
                stateKey).json(content)).requireText(mapper, "event_id", "state");
    }

    /**
     * Sends a room event; returns its event id. The same {@code txnId} from the same user gives the same event id
     * and no second event, so a retry after a crash does not duplicate. {@code ts} sets {@code origin_server_ts}
     * (appservice timestamp massaging, for messages that happened earlier on the network).
     */
    public String sendMessage(String roomId, String eventType, ObjectNode content, String txnId,
                              Optional<Instant> ts) {
        MatrixRequest req = MatrixRequest.of(HttpMethod.PUT, ROOM + "/send/{eventType}/{txnId}", roomId, eventType,
                txnId).json(content);
        ts.ifPresent(t -> req.query("ts", Long.toString(t.toEpochMilli())));
        return call(req).requireText(mapper, "event_id", "send");
    }

    /** Redacts an event; returns the redaction's event id. Idempotent per {@code txnId}. */
    public String redact(String roomId, String eventId, Optional<String> reason, String txnId) {
        ObjectNode body = mapper.createObjectNode();
        reason.ifPresent(r -> body.put("reason", r));
        return call(MatrixRequest.of(HttpMethod.PUT, ROOM + "/redact/{eventId}/{txnId}", roomId, eventId, txnId)
                .json(body)).requireText(mapper, "event_id", "redact");
    }

    /** Sends a receipt, e.g. {@code m.read} or {@code m.read.private}. */
    public void sendReceipt(String roomId, String eventId, String receiptType) {
        call(MatrixRequest.of(HttpMethod.POST, ROOM + "/receipt/{receiptType}/{eventId}", roomId, receiptType,
                eventId).json(mapper.createObjectNode()));
    }

    /** Moves the fully-read marker and, when given, the public read receipt. */
    public void setReadMarkers(String roomId, String fullyRead, Optional<String> read) {
        ObjectNode body = mapper.createObjectNode().put("m.fully_read", fullyRead);
        read.ifPresent(r -> body.put("m.read", r));
        call(MatrixRequest.of(HttpMethod.POST, ROOM + "/read_markers", roomId).json(body));
    }

    /** Starts ({@code typing = true}, for {@code timeoutMs}) or stops showing this user as typing. */
    public void setTyping(String roomId, boolean typing, long timeoutMs) {
        ObjectNode body = mapper.createObjectNode().put("typing", typing);
        if (typing) {
            body.put("timeout", timeoutMs);
        }
        call(MatrixRequest.of(HttpMethod.PUT, ROOM + "/typing/{userId}", roomId, userId).json(body));
    }

    public void setPresence(Presence presence, Optional<String> statusMessage) {
        ObjectNode body = mapper.createObjectNode().put("presence", presence.wire());
        statusMessage.ifPresent(m -> body.put("status_msg", m));
        call(MatrixRequest.of(HttpMethod.PUT, "/_matrix/client/v3/presence/{userId}/status", userId).json(body));
    }

    public void setDisplayName(String displayName) {
        call(MatrixRequest.of(HttpMethod.PUT, "/_matrix/client/v3/profile/{userId}/displayname", userId)
                .json(mapper.createObjectNode().put("displayname", displayName)));
    }

    /** Sets the avatar to an mxc URI (upload it first with {@link #uploadMedia}). */
    public void setAvatarUrl(String mxcUri) {
        call(MatrixRequest.of(HttpMethod.PUT, "/_matrix/client/v3/profile/{userId}/avatar_url", userId)
                .json(mapper.createObjectNode().put("avatar_url", mxcUri)));
    }

    /** Another user's (or this user's) profile; throws {@link MatrixException.NotFound} for an unknown user. */
    public Profile getProfile(String otherUserId) {
        ObjectNode p = call(MatrixRequest.of(HttpMethod.GET, "/_matrix/client/v3/profile/{userId}", otherUserId))
                .json(mapper);
        return new Profile(text(p, "displayname"), text(p, "avatar_url"));
    }

    /** Points {@code #alias:server} at the room. */
    public void createAlias(String alias, String roomId) {
        call(MatrixRequest.of(HttpMethod.PUT, "/_matrix/client/v3/directory/room/{roomAlias}", alias)
                .json(mapper.createObjectNode().put("room_id", roomId)));
    }

    public void deleteAlias(String alias) {
        call(MatrixRequest.of(HttpMethod.DELETE, "/_matrix/client/v3/directory/room/{roomAlias}", alias));
    }

    /** The room id an alias points at; empty when the alias does not exist. */
    public Optional<String> resolveAlias(String alias) {
        try {
            return Optional.of(call(MatrixRequest.of(HttpMethod.GET, "/_matrix/client/v3/directory/room/{roomAlias}",
                    alias)).requireText(mapper, "room_id", "directory"));
        } catch (MatrixException.NotFound e) {
            return Optional.empty();
        }
    }

    /** Uploads a file; returns its {@code mxc://} URI. */
    public String uploadMedia(byte[] content, String contentType, Optional<String> filename) {
        MatrixRequest req = MatrixRequest.of(HttpMethod.POST, "/_matrix/media/v3/upload").bytes(content, contentType)
                .retry(RetryMode.IF_NOT_PROCESSED);
        filename.ifPresent(f -> req.query("filename", f));
        return call(req).requireText(mapper, "content_uri", "upload");
    }

    /**
     * Uploads a file held in memory or on disk; one on disk is streamed, never read into memory. Returns its
     * {@code mxc://} URI. Throws {@link MediaTooLargeException} when the homeserver refuses it as too large.
     */
    public String uploadMedia(MediaBody body, String contentType, Optional<String> filename) {
        try {
            return switch (body) {
                case MediaBody.InMemory m -> uploadMedia(m.bytes(), contentType, filename);
                case MediaBody.OnDisk d -> {
                    ensureRegistered();
                    MatrixRequest req = MatrixRequest.of(HttpMethod.POST, "/_matrix/media/v3/upload")
                            .bytes(new byte[0], contentType).retry(RetryMode.IF_NOT_PROCESSED)
                            .query("user_id", userId);
                    filename.ifPresent(f -> req.query("filename", f));
                    yield client.sendFile(req, d.file(), d.size()).requireText(mapper, "content_uri", "upload");
                }
            };
        } catch (MatrixException e) {
            if (e.status() == 413 || e.errcode().equals("M_TOO_LARGE")) {
                throw new MediaTooLargeException(client.uploadLimit().orElse(-1L),
                        java.util.OptionalLong.of(body.size()));
            }
            throw e;
        }
    }

    /**
     * Downloads an {@code mxc://} file as a stream (see {@link #downloadMedia(String)} for the endpoint): into
     * memory when the homeserver announces at most {@code memoryThreshold} bytes, else into a new temporary file in
     * {@code tempDir}. Close the result to delete that file.
     *
     * @throws MediaTooLargeException when the file is larger than {@code maxBytes} (announced, or once that many
     *                                bytes arrived); nothing is kept
     */
    public DownloadedMedia downloadMedia(String mxcUri, long maxBytes, long memoryThreshold, java.nio.file.Path tempDir) {
        ensureRegistered();
        return client.download(downloadRequest(mxcUri).query("user_id", userId), maxBytes, memoryThreshold, tempDir);
    }

    /**
     * Downloads an {@code mxc://server/id} file: from the authenticated {@code /_matrix/client/v1/media/download}
     * when the homeserver advertises it, else from the legacy {@code /_matrix/media/v3/download}.
     */
    public MediaContent downloadMedia(String mxcUri) {
        MatrixResponse r = call(downloadRequest(mxcUri));
        return new MediaContent(r.body(), r.contentType().orElse("application/octet-stream"));
    }

    private MatrixRequest downloadRequest(String mxcUri) {
        if (!mxcUri.startsWith("mxc://") || mxcUri.indexOf('/', 6) < 0) {
            throw new IllegalArgumentException("not an mxc URI (expected mxc://server/mediaId): " + mxcUri);
        }
        String rest = mxcUri.substring(6);
        int slash = rest.indexOf('/');
        String server = rest.substring(0, slash);
        String mediaId = rest.substring(slash + 1);
        String template = client.serverInfo().supportsAuthenticatedMedia()
                ? "/_matrix/client/v1/media/download/{serverName}/{mediaId}"
                : "/_matrix/media/v3/download/{serverName}/{mediaId}";
        return MatrixRequest.of(HttpMethod.GET, template, server, mediaId);
    }

    MatrixResponse call(MatrixRequest request) {
        ensureRegistered();
        return client.send(request.query("user_id", userId), token);
    }

    private static Optional<String> text(ObjectNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(n -> n.isTextual()).map(n -> n.asText());
    }
}
