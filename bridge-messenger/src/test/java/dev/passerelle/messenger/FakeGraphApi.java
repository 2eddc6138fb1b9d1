package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Graph API for one or more Pages, following Meta's documented shapes: {@code GET /<v>/me}, profiles
 * ({@code GET /<v>/<id>?fields=...}), and the Send API ({@code POST /<v>/<page id>/messages}, JSON or multipart with
 * {@code filedata}), answering {@code {"recipient_id", "message_id"}} or an error object
 * {@code {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}}. It knows Meta's rules that the
 * bridge must live with: the access token (#190 when unknown or revoked), the 24-hour window (#10 / 2018278 for a
 * {@code RESPONSE} more than 24 h after the person's last message; 7 days with {@code MESSAGE_TAG HUMAN_AGENT}),
 * and faults a test injects (rate limits #4 / #613...). Also serves attachment and profile picture files.
 */
final class FakeGraphApi implements AutoCloseable {

    static final String VERSION = "v23.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SENDER_ACTIONS = Set.of("typing_on", "typing_off", "mark_seen", "react",
            "unreact");

    /** A Send API call the fake accepted (or refused: {@code refused} then says why). */
    record SendCall(String pageId, ObjectNode request, Optional<FileUpload> upload, Optional<byte[]> file,
                    Optional<String> messageId, Optional<String> refused) {

        String text() {
            return request.path("message").path("text").asText("");
        }

        String senderAction() {
            return request.path("sender_action").asText("");
        }
    }

    record Person(String psid, String firstName, String lastName, Optional<String> picture) {
    }

    private record Fault(int httpStatus, int code, int subcode, String message) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> tokenPage = new ConcurrentHashMap<>();
    private final Map<String, String> pageNames = new ConcurrentHashMap<>();
    private final Map<String, Person> persons = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWrote = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<SendCall> sends = new CopyOnWriteArrayList<>();
    private final AtomicLong meCalls = new AtomicLong();
    private final AtomicLong nextMid = new AtomicLong(1);

    FakeGraphApi(Path uploads) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setUploadsDirectory(uploads.toString()).setDeleteUploadedFilesOnEnd(false));
        router.get("/files/:name").handler(this::file);
        router.get("/" + VERSION + "/me").handler(this::me);
        router.get("/" + VERSION + "/:id").handler(this::profile);
        router.post("/" + VERSION + "/:pageId/messages").handler(this::send);
        router.route().last().handler(ctx -> error(ctx, 400, 100, 0, "Unsupported request - method type: "
                + ctx.request().method().name().toLowerCase()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    void addPage(String pageId, String name, String token) {
        pageNames.put(pageId, name);
        tokenPage.put(token, pageId);
    }

    /** A user access token: {@code GET /me} answers the user, not a Page. */
    void addUserToken(String token, String userId) {
        tokenPage.put(token, "user:" + userId);
    }

    void revoke(String token) {
        tokenPage.remove(token);
    }

    void addPerson(Person person) {
        persons.put(person.psid(), person);
        lastWrote.putIfAbsent(person.psid(), clock.instant());
    }

    /** The person wrote to the Page at {@code when} (the 24-hour window counts from their last message). */
    void personWrote(String psid, Instant when) {
        lastWrote.put(psid, when);
    }

    /** A file served at {@link #fileUrl}. */
    void addFile(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    String fileUrl(String name) {
        return url() + "/files/" + name + "?_nc_sig=abc123";
    }

    /** The next {@code n} Send API calls fail with this error. */
    synchronized void failNextSends(int n, int httpStatus, int code, int subcode, String message) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(httpStatus, code, subcode, message));
        }
    }

    List<SendCall> sends() {
        return List.copyOf(sends);
    }

    List<SendCall> accepted() {
        return sends.stream().filter(s -> s.refused().isEmpty()).toList();
    }

    long meCalls() {
        return meCalls.get();
    }

    private void file(RoutingContext ctx) {
        byte[] bytes = files.get(ctx.pathParam("name"));
        if (bytes == null) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        ctx.response().putHeader("Content-Type", "application/octet-stream").end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }

    private Optional<String> tokenOwner(RoutingContext ctx) {
        String token = ctx.queryParams().get("access_token");
        if (token == null) {
            error(ctx, 400, 104, 0, "An access token is required to request this resource.");
            return Optional.empty();
        }
        String owner = tokenPage.get(token);
        if (owner == null) {
            error(ctx, 400, 190, 463, "Error validating access token: Session has expired or the token was revoked.");
            return Optional.empty();
        }
        return Optional.of(owner);
    }

    private void me(RoutingContext ctx) {
        meCalls.incrementAndGet();
        tokenOwner(ctx).ifPresent(owner -> {
            ObjectNode me = JSON.createObjectNode();
            if (owner.startsWith("user:")) {
                me.put("id", owner.substring(5)).put("name", "A Person");
            } else {
                me.put("id", owner).put("name", pageNames.get(owner));
            }
            json(ctx, 200, me);
        });
    }

    private void profile(RoutingContext ctx) {
        Optional<String> owner = tokenOwner(ctx);
        if (owner.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("id");
        if (id.equals(owner.get())) {
            ObjectNode page = JSON.createObjectNode().put("id", id).put("name", pageNames.get(id));
            page.putObject("picture").putObject("data").put("url", fileUrl("page.png"));
            json(ctx, 200, page);
            return;
        }
        Person p = persons.get(id);
        if (p == null) {
            error(ctx, 400, 100, 33, "Unsupported get request. Object with ID '" + id + "' does not exist, cannot be "
                    + "loaded due to missing permissions, or does not support this operation.");
            return;
        }
        ObjectNode person = JSON.createObjectNode().put("id", id).put("first_name", p.firstName())
                .put("last_name", p.lastName()).put("name", p.firstName() + " " + p.lastName());
        p.picture().ifPresent(pic -> person.put("profile_pic", fileUrl(pic)));
        json(ctx, 200, person);
    }

    private void send(RoutingContext ctx) {
        Optional<String> owner = tokenOwner(ctx);
        if (owner.isEmpty()) {
            return;
        }
        String pageId = ctx.pathParam("pageId");
        ObjectNode request;
        Optional<FileUpload> upload = Optional.empty();
        Optional<byte[]> file = Optional.empty();
        try {
            if (ctx.request().getHeader("Content-Type").startsWith("multipart/form-data")) {
                // Multipart: each field holds JSON text (recipient, message) or a plain value (messaging_type, tag).
                request = JSON.createObjectNode();
                for (String name : ctx.request().formAttributes().names()) {
                    String value = ctx.request().getFormAttribute(name);
                    request.set(name, value.startsWith("{") ? JSON.readTree(value) : JSON.getNodeFactory().textNode(value));
                }
                upload = ctx.fileUploads().stream().filter(f -> f.name().equals("filedata")).findFirst();
                if (upload.isPresent()) {
                    file = Optional.of(Files.readAllBytes(Path.of(upload.get().uploadedFileName())));
                }
            } else {
                request = (ObjectNode) JSON.readTree(ctx.body().asString());
            }
        } catch (IOException | RuntimeException e) {
            error(ctx, 400, 100, 0, "(#100) Invalid JSON in the request");
            return;
        }
        Optional<String> refusal = check(ctx, owner.get(), pageId, request, upload);
        if (refusal.isPresent()) {
            sends.add(new SendCall(pageId, request, upload, file, Optional.empty(), refusal));
            return; // check() answered
        }
        String psid = request.path("recipient").path("id").asText();
        ObjectNode answer = JSON.createObjectNode().put("recipient_id", psid);
        Optional<String> mid = Optional.empty();
        if (request.has("message")) {
            mid = Optional.of("m_fake" + nextMid.getAndIncrement());
            answer.put("message_id", mid.get());
        }
        sends.add(new SendCall(pageId, request, upload, file, mid, Optional.empty()));
        json(ctx, 200, answer);
    }

    /** Meta's checks; answers the error and returns why when the request is refused. */
    private Optional<String> check(RoutingContext ctx, String owner, String pageId, ObjectNode request,
                                   Optional<FileUpload> upload) {
        Fault fault;
        synchronized (this) {
            fault = faults.poll();
        }
        if (fault != null) {
            return refuse(ctx, fault.httpStatus(), fault.code(), fault.subcode(), fault.message());
        }
        if (!owner.equals(pageId)) {
            return refuse(ctx, 400, 200, 0, "(#200) The access token is not a token of the Page " + pageId);
        }
        String psid = request.path("recipient").path("id").asText("");
        if (!persons.containsKey(psid)) {
            return refuse(ctx, 400, 100, 2018001, "(#100) No matching user found");
        }
        Duration since = Duration.between(lastWrote.get(psid), clock.instant());
        if (request.has("sender_action")) {
            String action = request.path("sender_action").asText();
            if (!SENDER_ACTIONS.contains(action)) {
                return refuse(ctx, 400, 100, 0, "(#100) Param sender_action must be one of " + SENDER_ACTIONS);
            }
            if ((action.equals("react") || action.equals("unreact"))
                    && request.path("payload").path("message_id").asText("").isEmpty()) {
                return refuse(ctx, 400, 100, 0, "(#100) payload.message_id is required");
            }
            if (since.compareTo(Duration.ofHours(24)) > 0) {
                return refuse(ctx, 400, 10, 2018278, "(#10) This message is sent outside of allowed window.");
            }
            return Optional.empty();
        }
        JsonNode message = request.path("message");
        if (!message.isObject()) {
            return refuse(ctx, 400, 100, 0, "(#100) The parameter message or sender_action is required");
        }
        String type = request.path("messaging_type").asText("");
        if (!Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG").contains(type)) {
            return refuse(ctx, 400, 100, 0, "(#100) Param messaging_type must be one of {RESPONSE, UPDATE, "
                    + "MESSAGE_TAG}");
        }
        boolean humanAgent = type.equals("MESSAGE_TAG") && request.path("tag").asText("").equals("HUMAN_AGENT");
        if (type.equals("MESSAGE_TAG") && !humanAgent) {
            return refuse(ctx, 400, 100, 0, "(#100) Param tag must be a valid message tag");
        }
        Duration window = humanAgent ? Duration.ofDays(7) : Duration.ofHours(24);
        if (since.compareTo(window) > 0) {
            return refuse(ctx, 400, 10, 2018278, "(#10) This message is sent outside of allowed window.");
        }
        boolean hasText = !message.path("text").asText("").isEmpty();
        boolean hasAttachment = message.has("attachment");
        if (hasText == hasAttachment) {
            return refuse(ctx, 400, 100, 0, "(#100) Only one of text or attachment may be set");
        }
        if (hasText && message.path("text").asText().length() > 2000) {
            return refuse(ctx, 400, 100, 0, "(#100) Param message[text] must be at most 2000 characters long");
        }
        if (hasAttachment) {
            String kind = message.path("attachment").path("type").asText("");
            if (!Set.of("image", "video", "audio", "file").contains(kind)) {
                return refuse(ctx, 400, 100, 0, "(#100) Invalid attachment type");
            }
            boolean hasUrl = message.path("attachment").path("payload").has("url")
                    || message.path("attachment").path("payload").has("attachment_id");
            if (upload.isEmpty() && !hasUrl) {
                return refuse(ctx, 400, 100, 0, "(#100) Upload attachment failure: no filedata nor url");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refuse(RoutingContext ctx, int status, int code, int subcode, String message) {
        error(ctx, status, code, subcode, message);
        return Optional.of("#" + code + (subcode != 0 ? "/" + subcode : "") + " " + message);
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static void error(RoutingContext ctx, int status, int code, int subcode, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", "OAuthException")
                .put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "AbCdEfGh123");
        json(ctx, status, body);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
