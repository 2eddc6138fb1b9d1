package dev.passerelle.telegram.fake;

import static dev.passerelle.telegram.fake.FakeJson.JSON;
import static dev.passerelle.telegram.fake.FakeJson.error;
import static dev.passerelle.telegram.fake.FakeJson.obj;
import static dev.passerelle.telegram.fake.FakeJson.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.telegram.tdjson.TdJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fake TDLib at the JSON boundary ({@link TdJson}), with a small Telegram behind it ({@link FakeTelegram}). It
 * follows td_api.tl of TDLib 1.8.65: a client's first request brings {@code authorizationStateWaitTdlibParameters};
 * a database directory with a session goes straight to {@code authorizationStateReady}; logins go through phone
 * number, code, password, QR link or bot token as TDLib's states say; answers echo {@code @extra}; every object
 * carries {@code @client_id}; sent messages get a temporary id, then {@code updateMessageSendSucceeded} with the
 * final one. What it does not know it answers with a 400 error naming the request, so a test sees it.
 */
public final class FakeTdlib implements TdJson {

    private final FakeTelegram telegram;
    private final LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final Map<Integer, FakeClient> clients = new HashMap<>();
    private int nextClientId = 1;

    public FakeTdlib(FakeTelegram telegram) {
        this.telegram = telegram;
        telegram.attach(this);
    }

    /** One client instance: its authorization state and, once logged in, its account. */
    static final class FakeClient {
        final int id;
        boolean started;
        String state = "";
        String databaseDirectory;
        String filesDirectory;
        String phone;
        long account;

        FakeClient(int id) {
            this.id = id;
        }

        boolean ready() {
            return state.equals("authorizationStateReady");
        }
    }

    @Override
    public synchronized int createClientId() {
        int id = nextClientId++;
        clients.put(id, new FakeClient(id));
        return id;
    }

    @Override
    public void send(int clientId, String request) {
        JsonNode node;
        try {
            node = JSON.readTree(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the connector sent invalid JSON: " + request, e);
        }
        synchronized (telegram) {
            FakeClient client;
            synchronized (this) {
                client = clients.get(clientId);
            }
            if (client == null) {
                throw new IllegalStateException("td_send to unknown client " + clientId);
            }
            if (client.state.equals("authorizationStateClosed")) {
                answer(client, node, error(500, "Request aborted"));
                return;
            }
            if (!client.started) {
                client.started = true;
                setState(client, "authorizationStateWaitTdlibParameters");
            }
            if (client.ready()) {
                telegram.record(client.account, node);
            }
            JsonNode answer;
            try {
                answer = new FakeRequests(telegram, this, client).handle(node);
            } catch (FakeError e) {
                answer = error(e.code, e.getMessage());
            }
            answer(client, node, (ObjectNode) answer);
            new FakeRequests(telegram, this, client).after(node, answer);
        }
    }

    @Override
    public Optional<String> receive(double timeoutSeconds) {
        try {
            return Optional.ofNullable(out.poll((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String execute(String request) {
        return error(400, "The fake TDLib executes nothing synchronously").toString();
    }

    private void answer(FakeClient client, JsonNode request, ObjectNode answer) {
        if (request.has("@extra")) {
            answer.set("@extra", request.get("@extra"));
        }
        emit(client, answer);
    }

    void emit(FakeClient client, ObjectNode object) {
        object.put("@client_id", client.id);
        out.add(object.toString());
    }

    void setState(FakeClient client, String state) {
        setState(client, state, obj(state));
    }

    void setState(FakeClient client, String name, ObjectNode state) {
        client.state = name;
        ObjectNode update = obj("updateAuthorizationState");
        update.set("authorization_state", state);
        emit(client, update);
    }

    /** Every client logged in to {@code account}. */
    synchronized List<FakeClient> clientsOf(long account) {
        return clients.values().stream().filter(c -> c.ready() && c.account == account).toList();
    }

    synchronized List<FakeClient> allClients() {
        return List.copyOf(clients.values());
    }

    /** Becomes ready: the account's user and chats, then the connection, as TDLib announces them. */
    void ready(FakeClient client, long account) {
        client.account = account;
        telegram.sessions.put(client.databaseDirectory, account);
        setState(client, "authorizationStateReady");
        ObjectNode me = obj("updateUser");
        me.set("user", FakeJson.user(telegram.account(account)));
        emit(client, me);
        for (FakeChat chat : telegram.chatsOf(account)) {
            ObjectNode update = obj("updateNewChat");
            update.set("chat", FakeJson.chat(chat, account));
            emit(client, update);
        }
        ObjectNode connection = obj("updateConnectionState");
        connection.set("state", obj("connectionStateReady"));
        emit(client, connection);
    }

    /** The session ends from Telegram's side (terminated from another device): LoggingOut, Closing, Closed. */
    void logOut(FakeClient client) {
        telegram.sessions.remove(client.databaseDirectory);
        setState(client, "authorizationStateLoggingOut");
        setState(client, "authorizationStateClosing");
        setState(client, "authorizationStateClosed");
    }

    /** Writes a file of the fake network into a client's files directory, as downloadFile does. */
    ObjectNode download(FakeClient client, int fileId) {
        byte[] bytes = telegram.files.get(fileId);
        if (bytes == null) {
            throw new FakeError(400, "File not found");
        }
        try {
            Path dir = Path.of(client.filesDirectory);
            Files.createDirectories(dir);
            Path file = dir.resolve("file_" + fileId);
            Files.write(file, bytes);
            return file(fileId, bytes.length, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a file's local copy from a client's files directory, as deleteFile does; the file stays remote. */
    ObjectNode deleteLocal(FakeClient client, int fileId) {
        if (!telegram.files.containsKey(fileId)) {
            throw new FakeError(400, "Invalid file identifier");
        }
        try {
            Files.deleteIfExists(Path.of(client.filesDirectory).resolve("file_" + fileId));
            return obj("ok");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode file(int id, long size, String path) {
        ObjectNode f = obj("file").put("id", id).put("size", size).put("expected_size", size);
        f.set("local", obj("localFile").put("path", path == null ? "" : path).put("can_be_downloaded", true)
                .put("can_be_deleted", true).put("is_downloading_active", false)
                .put("is_downloading_completed", path != null).put("download_offset", 0)
                .put("downloaded_prefix_size", path == null ? 0 : size).put("downloaded_size", path == null ? 0 : size));
        f.set("remote", obj("remoteFile").put("id", "remote-" + id).put("unique_id", "unique-" + id)
                .put("is_uploading_active", false).put("is_uploading_completed", true).put("uploaded_size", size));
        return f;
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    static LinkedHashSet<Long> set(List<Long> ids) {
        return new LinkedHashSet<>(ids);
    }

    /** A refusal, answered as {@code error}. */
    static final class FakeError extends RuntimeException {
        final int code;

        FakeError(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
