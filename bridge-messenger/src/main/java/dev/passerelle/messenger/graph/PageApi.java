package dev.passerelle.messenger.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Graph API calls of one Page, with its access token: who the token is ({@code GET /me}), profiles, and the
 * Send API ({@code POST /<page id>/messages}). Blocks.
 */
public final class PageApi {

    private final GraphApi graph;
    private final ObjectMapper json;
    private final String pageId;
    private final String token;

    public PageApi(GraphApi graph, ObjectMapper json, String pageId, String token) {
        this.graph = graph;
        this.json = json;
        this.pageId = pageId;
        this.token = token;
    }

    public String pageId() {
        return pageId;
    }

    /** {@code GET /me?fields=id,name}: the account the token belongs to. */
    public JsonNode me() throws GraphException, IOException {
        return graph.get("me", Map.of("fields", "id,name"), token);
    }

    /** The Page's own name and picture. */
    public JsonNode pageProfile() throws GraphException, IOException {
        return graph.get(pageId, Map.of("fields", "name,picture{url}"), token);
    }

    /** A person's profile as the Page may see it (User Profile API, by page-scoped id). */
    public JsonNode userProfile(String psid) throws GraphException, IOException {
        return graph.get(psid, Map.of("fields", "first_name,last_name,name,profile_pic"), token);
    }

    /** Sends a Send API request ({@code recipient} + {@code message} or {@code sender_action}). */
    public JsonNode send(ObjectNode request) throws GraphException, IOException {
        return graph.post(pageId + "/messages", request, token);
    }

    /** Sends a file as an attachment, uploaded with the request. */
    public JsonNode sendFile(ObjectNode recipient, String messagingType, ObjectNode message, ObjectNode tag,
                             GraphApi.FilePart file) throws GraphException, IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("recipient", json.writeValueAsString(recipient));
        fields.put("messaging_type", messagingType);
        tag.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        fields.put("message", json.writeValueAsString(message));
        return graph.postMultipart(pageId + "/messages", fields, file, token);
    }

    /** Downloads a file Meta links to; the caller closes the stream. */
    public InputStream download(URI url) throws IOException {
        return graph.download(url);
    }
}
