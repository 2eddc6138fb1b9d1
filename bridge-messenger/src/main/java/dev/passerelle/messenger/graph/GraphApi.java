package dev.passerelle.messenger.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Graph API over HTTP (JDK client, blocking; call from virtual threads). The access token goes in the
 * {@code access_token} parameter as Meta documents it; URLs with it are never logged.
 */
public final class GraphApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI base;
    private final String version;

    public GraphApi(HttpClient http, ObjectMapper json, URI base, String version) {
        this.http = http;
        this.json = json;
        this.base = base;
        this.version = version;
    }

    /** A file to upload in a multipart request. */
    public record FilePart(String field, String fileName, String mimeType, byte[] bytes) {
    }

    /** {@code GET /<version>/<path>?<params>&access_token=...}. */
    public JsonNode get(String path, Map<String, String> params, String token) throws GraphException, IOException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("access_token", token);
        HttpRequest request = HttpRequest.newBuilder(uri(path, all)).timeout(TIMEOUT).GET().build();
        return call(request);
    }

    /** {@code POST /<version>/<path>} with a JSON body. */
    public JsonNode post(String path, ObjectNode body, String token) throws GraphException, IOException {
        HttpRequest request = HttpRequest.newBuilder(uri(path, Map.of("access_token", token))).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        return call(request);
    }

    /** {@code POST /<version>/<path>} as {@code multipart/form-data}: text fields, then the file. */
    public JsonNode postMultipart(String path, Map<String, String> fields, FilePart file, String token)
            throws GraphException, IOException {
        String boundary = "passerelle-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n");
        }
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                + headerSafe(file.fileName()) + "\"\r\nContent-Type: " + headerSafe(file.mimeType()) + "\r\n\r\n");
        body.write(file.bytes());
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request = HttpRequest.newBuilder(uri(path, Map.of("access_token", token))).timeout(TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return call(request);
    }

    /** Downloads a file Meta links to (an attachment, a profile picture); the caller closes the stream. */
    public InputStream download(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("Messenger answered " + response.statusCode() + " for a file download");
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading a file", e);
        }
    }

    private JsonNode call(HttpRequest request) throws GraphException, IOException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the Graph API", e);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode();
        }
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && error.isObject()) {
            throw new GraphException(response.statusCode(), error.path("code").asInt(0),
                    error.path("error_subcode").asInt(0), error.path("is_transient").asBoolean(false),
                    error.path("message").asText("unknown error"));
        }
        if (response.statusCode() / 100 != 2) {
            throw new GraphException(response.statusCode(), 0, 0, false, "the Graph API answered HTTP "
                    + response.statusCode());
        }
        return body;
    }

    private URI uri(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return URI.create(base + "/" + version + "/" + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A value as it may appear in a part's headers: no quotes or line breaks from a Matrix file name. */
    private static String headerSafe(String value) {
        return value.replaceAll("[\"\\r\\n]", "_");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
