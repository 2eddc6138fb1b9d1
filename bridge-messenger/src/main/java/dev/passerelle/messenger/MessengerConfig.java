package dev.passerelle.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.core.spi.ConnectorException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code networks.messenger} config section.
 *
 * @param graphBaseUrl    the Graph API's address ({@code graph_base_url}, default {@code https://graph.facebook.com};
 *                        tests point it at a fake)
 * @param graphApiVersion the Graph API version in every path ({@code graph_api_version}, default {@code v23.0})
 * @param humanAgentTag   whether answers outside Meta's 24-hour window are sent with the {@code HUMAN_AGENT} tag
 *                        ({@code human_agent_tag}, default false; the app needs Meta's Human Agent permission)
 * @param pages           the Pages answered through the bridge, by page id
 */
public record MessengerConfig(URI graphBaseUrl, String graphApiVersion, boolean humanAgentTag,
                              Map<String, PageConfig> pages) {

    private static final Set<String> KEYS = Set.of("graph_base_url", "graph_api_version", "human_agent_tag", "pages");
    private static final Set<String> PAGE_KEYS = Set.of("page_id", "access_token", "app_secret", "verify_token",
            "allowed_users");

    /**
     * One Page.
     *
     * @param pageId       its numeric id ({@code page_id})
     * @param accessToken  a Page access token ({@code access_token}); empty when it is given through {@code login}
     * @param appSecret    the Meta app's secret ({@code app_secret}): webhook deliveries are signed with it
     * @param verifyToken  the token typed in the app's webhook settings ({@code verify_token})
     * @param allowedUsers who may act for the Page ({@code allowed_users}): Matrix user ids, or server names for
     *                     everyone on that server
     */
    public record PageConfig(String pageId, Optional<String> accessToken, String appSecret, String verifyToken,
                             List<String> allowedUsers) {

        /** Whether {@code userId} may act for this Page. */
        public boolean allows(String userId) {
            String server = userId.substring(userId.indexOf(':') + 1);
            return allowedUsers.stream().anyMatch(a -> a.startsWith("@") ? a.equals(userId) : a.equals(server));
        }

        /** The Matrix users named one by one (server names name nobody in particular). */
        public Set<String> namedUsers() {
            return Set.copyOf(allowedUsers.stream().filter(a -> a.startsWith("@")).toList());
        }

        @Override
        public String toString() {
            return "PageConfig[" + pageId + ", allowed " + allowedUsers + "]"; // never the secrets
        }
    }

    /** Reads the section; the message of a refusal names the key and what it takes. */
    public static MessengerConfig from(JsonNode section) throws ConnectorException {
        if (section == null || !section.isObject()) {
            throw new ConnectorException("networks.messenger must be a map with at least pages: [...] (see the "
                    + "bridge-messenger README)");
        }
        unknownKeys(section, KEYS, "networks.messenger");
        URI base = URI.create(text(section, "graph_base_url", "https://graph.facebook.com").replaceAll("/+$", ""));
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new ConnectorException("networks.messenger.graph_base_url must be an http(s) URL, got " + base);
        }
        String version = text(section, "graph_api_version", "v23.0");
        if (!version.matches("v\\d+\\.\\d+")) {
            throw new ConnectorException("networks.messenger.graph_api_version must look like v23.0, got " + version);
        }
        JsonNode tag = section.path("human_agent_tag");
        if (!tag.isMissingNode() && !tag.isBoolean()) {
            throw new ConnectorException("networks.messenger.human_agent_tag must be true or false, got " + tag);
        }
        JsonNode list = section.path("pages");
        if (!list.isArray() || list.isEmpty()) {
            throw new ConnectorException("networks.messenger.pages must list at least one Page (page_id, app_secret,"
                    + " verify_token, allowed_users)");
        }
        Map<String, PageConfig> pages = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            PageConfig page = page(list.get(i), "networks.messenger.pages[" + i + "]");
            if (pages.put(page.pageId(), page) != null) {
                throw new ConnectorException("networks.messenger.pages lists page " + page.pageId() + " twice");
            }
        }
        return new MessengerConfig(base, version, tag.asBoolean(false), Map.copyOf(pages));
    }

    private static PageConfig page(JsonNode node, String where) throws ConnectorException {
        if (!node.isObject()) {
            throw new ConnectorException(where + " must be a map (keys: " + PAGE_KEYS + ")");
        }
        unknownKeys(node, PAGE_KEYS, where);
        String pageId = node.path("page_id").asText("");
        if (!pageId.matches("\\d+")) {
            throw new ConnectorException(where + ".page_id must be the Page's numeric id (Page settings → About → "
                    + "Page ID), got '" + pageId + "'");
        }
        String secret = required(node, "app_secret", where + ".app_secret",
                "the App Secret from developers.facebook.com → your app → App settings → Basic");
        String verify = required(node, "verify_token", where + ".verify_token",
                "a random string of yours, typed again in the app's webhook settings");
        if (verify.length() < 16) {
            throw new ConnectorException(where + ".verify_token must be at least 16 characters long");
        }
        Optional<String> token = Optional.of(node.path("access_token").asText("")).filter(t -> !t.isBlank());
        JsonNode allowed = node.path("allowed_users");
        if (!allowed.isArray() || allowed.isEmpty()) {
            throw new ConnectorException(where + ".allowed_users must list who may answer for the Page: Matrix user"
                    + " ids (@alice:example.org) or server names (example.org)");
        }
        List<String> users = new ArrayList<>();
        for (JsonNode u : allowed) {
            String value = u.asText("");
            if (value.startsWith("@") ? !value.matches("@[^:\\s]+:[^\\s]+") : !value.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
                throw new ConnectorException(where + ".allowed_users: '" + value + "' is neither a Matrix user id "
                        + "(@alice:example.org) nor a server name (example.org)");
            }
            users.add(value);
        }
        return new PageConfig(pageId, token, secret, verify, List.copyOf(users));
    }

    private static String required(JsonNode node, String key, String where, String what) throws ConnectorException {
        String value = node.path(key).asText("");
        if (value.isBlank()) {
            throw new ConnectorException(where + " is missing: " + what);
        }
        return value;
    }

    private static String text(JsonNode section, String key, String fallback) {
        JsonNode value = section.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String where) throws ConnectorException {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConnectorException("Unknown keys under " + where + ": " + unknown + "; known keys: "
                    + known.stream().sorted().toList());
        }
    }
}
