package dev.passerelle.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The appservice registration ({@code registration.yaml}) a homeserver loads to know the bridge: its tokens, its URL
 * and the user ids and aliases it owns. Generated from the config, never edited by hand.
 *
 * @param id               the appservice id
 * @param url              where the homeserver pushes transactions ({@code appservice.address})
 * @param asToken          token the bridge presents to the homeserver
 * @param hsToken          token the homeserver presents to the bridge
 * @param senderLocalpart  localpart of the bridge bot
 * @param rateLimited      whether the homeserver rate-limits the bridge's users (never, for a bridge)
 * @param receiveEphemeral whether typing, receipts and presence are pushed (also written under MSC2409's name)
 * @param namespaces       the user ids, aliases and rooms claimed
 */
public record Registration(
        String id,
        String url,
        String asToken,
        String hsToken,
        String senderLocalpart,
        boolean rateLimited,
        boolean receiveEphemeral,
        Namespaces namespaces) {

    /** The MSC2409 name of {@code receive_ephemeral}, still the one Synapse reads. */
    public static final String MSC2409_PUSH_EPHEMERAL = "de.sorunome.msc2409.push_ephemeral";

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    /** The three namespace lists of a registration; each may be empty, none is absent. */
    public record Namespaces(List<NamespaceClaim> users, List<NamespaceClaim> aliases, List<NamespaceClaim> rooms) {
        public Namespaces {
            users = List.copyOf(users);
            aliases = List.copyOf(aliases);
            rooms = List.copyOf(rooms);
        }
    }

    /**
     * The registration for {@code config}: the bot's own user id exclusively, plus the ghost user and alias
     * namespaces each enabled connector claims (empty lists when there are none).
     */
    public static Registration fromConfig(PasserelleConfig config, List<NamespaceClaim> ghostUsers,
            List<NamespaceClaim> aliases) {
        var appservice = config.appservice();
        var users = new ArrayList<NamespaceClaim>();
        users.add(NamespaceClaim.user(appservice.botLocalpart(), config.homeserver().domain()));
        users.addAll(ghostUsers);
        return new Registration(appservice.id(), appservice.address(), appservice.asToken(), appservice.hsToken(),
                appservice.botLocalpart(), false, appservice.ephemeralEvents(),
                new Namespaces(users, aliases, List.of()));
    }

    /** The YAML text, with a comment on how to use it. */
    public String toYaml() {
        var root = new LinkedHashMap<String, Object>();
        root.put("id", id);
        root.put("url", url);
        root.put("as_token", asToken);
        root.put("hs_token", hsToken);
        root.put("sender_localpart", senderLocalpart);
        root.put("rate_limited", rateLimited);
        if (receiveEphemeral) {
            root.put("receive_ephemeral", true);
            root.put(MSC2409_PUSH_EPHEMERAL, true);
        }
        var lists = new LinkedHashMap<String, Object>();
        lists.put("users", yamlList(namespaces.users()));
        lists.put("aliases", yamlList(namespaces.aliases()));
        lists.put("rooms", yamlList(namespaces.rooms()));
        root.put("namespaces", lists);
        try {
            return """
                    # Passerelle appservice registration, generated from config.yaml by 'passerelle \
                    generate-registration'.
                    # Add this file's path to app_service_config_files in Synapse's homeserver.yaml, then restart \
                    Synapse.
                    # It holds secrets: keep it readable by the bridge and the homeserver only.
                    """ + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a registration of strings and booleans always serialises", e);
        }
    }

    /** Writes {@code toYaml()} to {@code file}, readable by its owner only, replacing it. Blocks on I/O. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toYaml());
        ExampleConfig.ownerOnly(file);
    }

    /** Reads a registration back (for example to check that it still matches the config). */
    public static Registration parse(String yaml) {
        try {
            var node = YAML.readTree(yaml);
            var lists = node.path("namespaces");
            return new Registration(node.path("id").asText(), node.path("url").asText(),
                    node.path("as_token").asText(), node.path("hs_token").asText(),
                    node.path("sender_localpart").asText(), node.path("rate_limited").asBoolean(),
                    node.path("receive_ephemeral").asBoolean(false)
                            || node.path(MSC2409_PUSH_EPHEMERAL).asBoolean(false),
                    new Namespaces(claims(lists.path("users")), claims(lists.path("aliases")),
                            claims(lists.path("rooms"))));
        } catch (IOException e) {
            throw new UncheckedIOException("the registration is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> yamlList(List<NamespaceClaim> claims) {
        return claims.stream().map(claim -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("exclusive", claim.exclusive());
            entry.put("regex", claim.regex());
            return (Map<String, Object>) entry;
        }).toList();
    }

    private static List<NamespaceClaim> claims(JsonNode list) {
        var claims = new ArrayList<NamespaceClaim>();
        list.forEach(item -> claims.add(new NamespaceClaim(item.path("regex").asText(),
                item.path("exclusive").asBoolean())));
        return claims;
    }
}
