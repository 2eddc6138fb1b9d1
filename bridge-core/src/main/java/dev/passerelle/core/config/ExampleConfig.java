package dev.passerelle.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commented {@code config.yaml} that {@code generate-config} and a first {@code run} write: every key with what
 * it is and what it accepts, fresh tokens and secret key, SQLite beside the file. It loads and validates as written.
 */
public final class ExampleConfig {

    private ExampleConfig() {
    }

    /** The example text with fresh secrets from {@code secrets}, without network sections. */
    public static String render(SecretGenerator secrets) {
        return render(secrets, Map.of());
    }

    /**
     * The example text with fresh secrets from {@code secrets} and, under {@code networks:}, each connector's
     * example section (by connector id, as commented YAML lines) written commented out: a network stays off until
     * the admin fills in its section and removes the {@code #}s.
     */
    public static String render(SecretGenerator secrets, Map<String, String> networkSections) {
        return TEMPLATE
                .replace("${networks}", networks(new TreeMap<>(networkSections)))
                .replace("${as_token}", secrets.token())
                .replace("${hs_token}", secrets.token())
                .replace("${secret_key}", secrets.secretKey())
                .replace("${shared_secret}", secrets.token());
    }

    private static String networks(Map<String, String> sections) {
        if (sections.isEmpty()) {
            return "# No connector is on the class path, so this is empty.\nnetworks: {}\n";
        }
        var out = new StringBuilder("# To enable one, remove the '#' in front of its lines (its name and the keys under it).\n");
        out.append("networks:\n");
        sections.forEach((id, body) -> {
            out.append("  # ").append(id).append(":\n");
            body.lines().forEach(line -> out.append("  #   ").append(line).append('\n'));
        });
        return out.toString();
    }

    /**
     * Writes a fresh example to {@code file}, readable by its owner only since it holds secrets. Blocks on I/O.
     *
     * @throws IOException when the file exists already or cannot be written
     */
    public static void write(Path file, SecretGenerator secrets) throws IOException {
        write(file, secrets, Map.of());
    }

    /** Like {@link #write(Path, SecretGenerator)}, with the connectors' example sections. */
    public static void write(Path file, SecretGenerator secrets, Map<String, String> networkSections)
            throws IOException {
        var parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, render(secrets, networkSections), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        ownerOnly(file);
    }

    /** Restricts a file holding secrets to its owner where the file system supports it. */
    public static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's own protection applies.
        }
    }

    private static final String TEMPLATE = """
            # Passerelle configuration.
            # Every key below shows its default unless marked "required". Keys are snake_case.
            # Any key can be overridden by an environment variable: PASSERELLE_ + the path in upper case with '__'
            # between levels, e.g. PASSERELLE_DATABASE__URI or PASSERELLE_APPSERVICE__PORT=1234.

            # The Matrix homeserver the bridge serves.
            homeserver:
              # Required. The homeserver's client-server API URL as the bridge reaches it (http:// or https://).
              address: http://localhost:8008
              # Required. The server name in your users' ids: example.org for @alice:example.org.
              domain: example.org

            # The application service: how the homeserver and the bridge reach and trust each other.
            # After changing anything here, run 'passerelle generate-registration' and restart the homeserver.
            appservice:
              # The URL the homeserver uses to reach the bridge (goes into registration.yaml as 'url').
              # Default: http://<hostname>:<port> below.
              address: http://localhost:29317
              # The address the bridge listens on: 127.0.0.1 for this machine only, 0.0.0.0 for every interface.
              hostname: 127.0.0.1
              # The port the bridge listens on (1-65535).
              port: 29317
              # The appservice id in the registration: letters, digits and ._-; never change it once registered.
              id: passerelle
              # Localpart of the bridge bot's user id (@passerelle:example.org): lower-case letters, digits, ._=-/+
              bot_localpart: passerelle
              # Display name of the bridge bot.
              bot_displayname: Passerelle bridge bot
              # Required. Token the bridge presents to the homeserver; at least 32 characters, keep it secret.
              as_token: "${as_token}"
              # Required. Token the homeserver presents to the bridge; at least 32 characters, not equal to as_token.
              hs_token: "${hs_token}"
              # Whether the homeserver pushes typing, read receipts and presence to the bridge (MSC2409): true or false.
              ephemeral_events: true
              # Largest transaction body accepted, in bytes (65536 to 1073741824); larger ones are refused with 413.
              max_body_bytes: 16777216

            # Where the bridge keeps its state.
            database:
              # sqlite (one file, nothing to install) or postgres (recommended for many users).
              type: sqlite
              # sqlite: a file path, relative to this file's directory, or a jdbc:sqlite: URL.
              # postgres: postgres://user:password@host:5432/database or jdbc:postgresql://host:5432/database?user=...
              uri: passerelle.db
              # The most database connections the bridge opens (at least 1).
              max_pool_size: 10

            # How the bridge behaves towards Matrix users.
            bridge:
              # Prefix of bot commands in portal rooms, e.g. "!pass help" (management rooms need none). No spaces.
              command_prefix: "!pass"
              # Who may do what. Keys: "*" (everyone), a server name (example.org) or a user id (@alice:example.org);
              # the most specific key that matches a user wins. Levels: block (ignored), relay (talk through a relay only),
              # user (log in with their own accounts), admin (manage the bridge). This map replaces the default
              # as a whole.
              permissions:
                "*": relay
                "example.org": user
              # Required. Base64 of 32 random bytes; encrypts login secrets at rest. Keep it secret and never change
              # it once logins exist (their stored secrets would become unreadable). 'openssl rand -base64 32'.
              secret_key: "${secret_key}"

            # Prometheus metrics and health checks on their own listener: /metrics, /health, /ready.
            metrics:
              # Whether the metrics listener runs: true or false.
              enabled: true
              # The address the metrics listener binds to.
              hostname: 127.0.0.1
              # The port of the metrics listener (1-65535, not the appservice port).
              port: 29318

            # What the bridge writes to its log. Tokens and secrets are masked in every line.
            logging:
              # Lowest level written: error, warn, info, debug or trace.
              level: info
              # A file to write the log to as well as standard output; empty for standard output only.
              file: ""

            # The provisioning API on the appservice listener: the mautrix bridges' v3 login API (whoami, login flows
            # and steps, logins, logout), for integration managers and web apps. README.md, "Provisioning API".
            provisioning:
              # Whether the API is served: true or false. A config without this section has it off.
              enabled: true
              # Required while enabled. Clients send it as 'Authorization: Bearer <secret>' with ?user_id=@user:server
              # naming who acts; at least 32 characters, not equal to the appservice tokens, keep it secret.
              shared_secret: "${shared_secret}"
              # The path the API is under: <prefix>/v3/whoami and so on.
              prefix: /_matrix/provision

            # One section per network connector (telegram, whatsapp, messenger), passed as it is to that connector.
            ${networks}""";
}
