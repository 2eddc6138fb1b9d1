package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.ConfigValidator;
import dev.passerelle.core.config.ExampleConfig;
import dev.passerelle.core.config.PasserelleConfig;
import dev.passerelle.core.config.Registration;
import dev.passerelle.core.config.SecretGenerator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files at the top of the repository that an admin runs (Dockerfile, docker-compose.yml, registration.yaml,
 * deploy/) agree with each other and with the config the bridge actually reads: tokens, addresses, ports, paths.
 */
class PackagingFilesTest {

    private static final Path TOP = Path.of("..");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode compose;
    private static JsonNode bridgeService;
    private static Map<String, String> bridgeEnvironment;
    private static Dockerfile dockerfile;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFiles() throws IOException {
        compose = YAML.readTree(TOP.resolve("docker-compose.yml").toFile());
        bridgeService = compose.path("services").path("passerelle");
        bridgeEnvironment = new LinkedHashMap<>();
        bridgeService.path("environment").properties().forEach(e -> bridgeEnvironment.put(e.getKey(), e.getValue().asText()));
        dockerfile = new Dockerfile(Files.readString(TOP.resolve("Dockerfile")));
    }

    /** The config the bridge in docker-compose reads: the first-start example plus the image's and compose's variables. */
    private PasserelleConfig composeConfig() {
        Map<String, String> env = new LinkedHashMap<>(dockerfile.environment());
        env.putAll(bridgeEnvironment);
        return ConfigValidator.validate(new ConfigLoader(env).parse(ExampleConfig.render(new SecretGenerator()),
                "docker-compose.yml", dir));
    }

    @Test
    void theCommittedRegistrationIsWhatGenerateRegistrationWritesForTheComposeConfig() throws IOException {
        Registration expected = RegistrationFiles.registrationFor(composeConfig());
        Files.createDirectories(Path.of("target"));
        expected.write(Path.of("target", "registration.yaml"));
        String committed = Files.readString(TOP.resolve("registration.yaml"));
        assertEquals(expected, Registration.parse(committed), "registration.yaml does not match docker-compose.yml's "
                + "config; the matching one was written to bridge-app/target/registration.yaml (put back the "
                + "development-tokens warning at its top when you copy it)");
        assertTrue(committed.contains("DEVELOPMENT"), "registration.yaml must say that its tokens are for development");
    }

    @Test
    void synapseLoadsTheRegistrationAndServesTheDomainTheBridgeUses() throws IOException {
        JsonNode synapse = YAML.readTree(TOP.resolve("deploy/synapse/homeserver.yaml").toFile());
        JsonNode service = compose.path("services").path("synapse");
        String registrationInContainer = mountTarget(service, "./registration.yaml");
        assertTrue(synapse.path("app_service_config_files").toString().contains("\"" + registrationInContainer + "\""),
                "Synapse must list the mounted registration " + registrationInContainer);
        assertEquals(mountTarget(service, "./deploy/synapse"), "/config");
        PasserelleConfig config = composeConfig();
        assertEquals(synapse.path("server_name").asText(), config.homeserver().domain());
        URI homeserver = URI.create(config.homeserver().address());
        assertEquals("synapse", homeserver.getHost(), "the bridge reaches Synapse by its service name");
        assertEquals(synapse.path("listeners").get(0).path("port").asInt(), homeserver.getPort());
    }

    @Test
    void synapseReachesTheBridgeWhereItListens() {
        PasserelleConfig config = composeConfig();
        URI bridge = URI.create(config.appservice().address());
        assertEquals("passerelle", bridge.getHost(), "Synapse reaches the bridge by its service name");
        assertEquals(config.appservice().port(), bridge.getPort());
        assertEquals("0.0.0.0", config.appservice().hostname(), "inside the container the bridge must listen on every interface");
        assertTrue(dockerfile.exposed().contains(config.appservice().port()));
        assertTrue(dockerfile.exposed().contains(config.metrics().port()));
    }

    @Test
    void everyPublishedPortIsOnLoopbackOnly() {
        compose.path("services").properties().forEach(service -> service.getValue().path("ports").forEach(port ->
                assertTrue(port.asText().startsWith("127.0.0.1:"), service.getKey() + " publishes " + port.asText()
                        + " beyond this machine")));
    }

    @Test
    void theImageKeepsEverythingInItsDataVolume() {
        assertEquals(List.of("/data"), dockerfile.volumes());
        assertTrue(dockerfile.entrypoint().contains("--data-dir /data"), dockerfile.entrypoint());
        assertEquals("/data", mountTarget(bridgeService, "passerelle-data"));
        assertTrue(dockerfile.user().isPresent() && !dockerfile.user().get().equals("root"), "the image must not run as root");
    }

    @Test
    void theHealthCheckProbesTheBridgesHealthEndpoint() {
        PasserelleConfig config = composeConfig();
        assertTrue(dockerfile.healthcheck().contains("http://127.0.0.1:" + config.appservice().port() + "/health"),
                dockerfile.healthcheck());
    }

    @Test
    void theBridgeDatabaseIsTheOneThePostgresInitScriptCreates() throws IOException {
        String init = Files.readString(TOP.resolve("deploy/postgres/init.sql"));
        URI uri = URI.create(bridgeEnvironment.get("PASSERELLE_DATABASE__URI"));
        String[] userInfo = uri.getUserInfo().split(":", 2);
        assertEquals("postgres", uri.getHost());
        assertTrue(init.contains("CREATE USER " + userInfo[0] + " WITH PASSWORD '" + userInfo[1] + "'"), init);
        assertTrue(init.contains("CREATE DATABASE " + uri.getPath().substring(1) + " OWNER " + userInfo[0]), init);
        JsonNode synapseDb = YAML.readTree(TOP.resolve("deploy/synapse/homeserver.yaml").toFile()).path("database").path("args");
        assertTrue(init.contains("CREATE USER " + synapseDb.path("user").asText() + " WITH PASSWORD '"
                + synapseDb.path("password").asText() + "'"), init);
        assertTrue(init.contains("LC_COLLATE 'C'"), "Synapse refuses a database without C collation");
    }

    @Test
    void theImageCopiesWhatTheBuildStageProduces() {
        assertTrue(dockerfile.text().contains("COPY --from=build /src/bridge-app/target/passerelle.jar "),
                "the runtime stage must take the shaded jar the build writes");
    }

    private static String mountTarget(JsonNode service, String source) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError(service + " does not mount " + source);
    }

    /** The few Dockerfile instructions these checks need, from the runtime (last) stage. */
    private record Dockerfile(String text) {
        private List<String> runtimeStage() {
            List<String> instructions = new ArrayList<>();
            String joined = text.replaceAll("\\\\\\n\\s*", " ");
            for (String line : joined.lines().toList()) {
                if (line.startsWith("FROM ")) {
                    instructions.clear();
                }
                if (!line.isBlank() && !line.startsWith("#")) {
                    instructions.add(line.strip());
                }
            }
            return instructions;
        }

        private List<String> args(String instruction) {
            return runtimeStage().stream().filter(l -> l.startsWith(instruction + " "))
                    .map(l -> l.substring(instruction.length() + 1).strip()).toList();
        }

        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(String.join(" ", args("ENV")));
            while (m.find()) {
                env.put(m.group(1), m.group(2));
            }
            return env;
        }

        List<Integer> exposed() {
            return args("EXPOSE").stream().flatMap(a -> List.of(a.split("\\s+")).stream()).map(Integer::valueOf).toList();
        }

        List<String> volumes() {
            return args("VOLUME");
        }

        String entrypoint() {
            return String.join(" ", args("ENTRYPOINT")).replaceAll("[\\[\\]\",]", " ").replaceAll("\\s+", " ");
        }

        String healthcheck() {
            return String.join(" ", args("HEALTHCHECK"));
        }

        java.util.Optional<String> user() {
            return args("USER").stream().findFirst();
        }
    }
}
