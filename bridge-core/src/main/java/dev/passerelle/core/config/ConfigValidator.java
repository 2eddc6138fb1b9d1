package dev.passerelle.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges the values of a loaded config and reports every problem at once. Secrets in the reports are masked.
 * Pure and fast; never touches the network or the disk.
 */
public final class ConfigValidator {

    static final int MIN_TOKEN_LENGTH = 32;
    static final int SECRET_KEY_BYTES = 32;
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    private static final String REGENERATE = "; 'passerelle generate-config -o new.yaml' writes fresh ones to copy";

    private ConfigValidator() {
    }

    /**
     * Returns {@code config} when it is usable.
     *
     * @throws ConfigException listing every problem found
     */
    public static PasserelleConfig validate(PasserelleConfig config) {
        var problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException("The config has " + problems.size()
                    + (problems.size() == 1 ? " problem:" : " problems:"), problems);
        }
        return config;
    }

    /** Every problem with {@code config}; empty when it is usable. */
    public static List<ConfigProblem> problems(PasserelleConfig config) {
        var problems = new ArrayList<ConfigProblem>();
        checkHomeserver(config.homeserver(), problems);
        checkAppservice(config.appservice(), problems);
        new DatabaseUriCheck(config.database()).check(problems);
        checkBridge(config.bridge(), problems);
        checkMetrics(config.metrics(), config.appservice(), problems);
        checkLogging(config.logging(), problems);
        checkProvisioning(config.provisioning(), config.appservice(), problems);
        checkDoublePuppet(config.doublePuppet(), config.appservice(), problems);
        return List.copyOf(problems);
    }

    private static void checkHomeserver(HomeserverConfig homeserver, List<ConfigProblem> problems) {
        checkHttpUrl("homeserver.address", homeserver.address(),
                "the homeserver's client-server URL as the bridge reaches it, e.g. http://localhost:8008", problems);
        if (homeserver.domain().isBlank()) {
            problems.add(ConfigProblem.missing("homeserver.domain", "is required: the server name in your user ids "
                    + "(example.org for @alice:example.org)"));
        } else if (!MatrixNames.isServerName(homeserver.domain())) {
            problems.add(new ConfigProblem("homeserver.domain", homeserver.domain(), "is not a valid server name; "
                    + "write the part after ':' in your user ids, e.g. example.org"));
        }
    }

    private static void checkAppservice(AppserviceConfig appservice, List<ConfigProblem> problems) {
        checkHttpUrl("appservice.address", appservice.address(),
                "the URL the homeserver uses to reach the bridge, e.g. http://localhost:29317", problems);
        checkListen("appservice", appservice.hostname(), appservice.port(), problems);
        if (appservice.id().isBlank() || !appservice.id().matches("[A-Za-z0-9._-]+")) {
            problems.add(new ConfigProblem("appservice.id", appservice.id(), "must be a non-empty id of letters, "
                    + "digits and ._- that never changes, e.g. passerelle"));
        }
        if (!MatrixNames.isLocalpart(appservice.botLocalpart())) {
            problems.add(new ConfigProblem("appservice.bot_localpart", appservice.botLocalpart(), "must be a "
                    + "user id localpart of lower-case letters, digits and ._=-/+, e.g. passerelle"));
        }
        checkToken("appservice.as_token", appservice.asToken(), problems);
        checkToken("appservice.hs_token", appservice.hsToken(), problems);
        if (!appservice.asToken().isEmpty() && MessageDigest.isEqual(
                appservice.asToken().getBytes(StandardCharsets.UTF_8),
                appservice.hsToken().getBytes(StandardCharsets.UTF_8))) {
            problems.add(new ConfigProblem("appservice.hs_token", SecretMask.mask(appservice.hsToken()),
                    "must differ from appservice.as_token, or either side could impersonate the other" + REGENERATE));
        }
        if (appservice.maxBodyBytes() < 65_536 || appservice.maxBodyBytes() > 1L << 30) {
            problems.add(new ConfigProblem("appservice.max_body_bytes", Long.toString(appservice.maxBodyBytes()),
                    "must be between 65536 (64 KiB) and 1073741824 (1 GiB); the default is 16777216 (16 MiB)"));
        }
    }

    private static void checkToken(String key, String token, List<ConfigProblem> problems) {
        if (token.isEmpty()) {
            problems.add(ConfigProblem.missing(key, "is required: a random string of at least " + MIN_TOKEN_LENGTH
                    + " characters" + REGENERATE));
        } else if (token.length() < MIN_TOKEN_LENGTH) {
            problems.add(new ConfigProblem(key, SecretMask.mask(token), "is too short: it must have at least "
                    + MIN_TOKEN_LENGTH + " characters" + REGENERATE));
        } else if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add(new ConfigProblem(key, SecretMask.mask(token), "must be printable ASCII without spaces, "
                    + "since it travels in HTTP headers" + REGENERATE));
        }
    }

    private static void checkBridge(BridgeSettings bridge, List<ConfigProblem> problems) {
        if (bridge.commandPrefix().isBlank() || bridge.commandPrefix().chars().anyMatch(Character::isWhitespace)) {
            problems.add(new ConfigProblem("bridge.command_prefix", bridge.commandPrefix(),
                    "must be a non-empty word without spaces, e.g. !pass"));
        }
        bridge.permissions().forEach((who, level) -> {
            var key = "bridge.permissions." + who;
            if (!who.equals("*") && !MatrixNames.isServerName(who) && !MatrixNames.isUserId(who)) {
                problems.add(new ConfigProblem(key, who, "the key must be '*' (everyone), a server name "
                        + "(example.org) or a user id (@alice:example.org); quote it in YAML"));
            }
            if (level == null) {
                problems.add(ConfigProblem.missing(key, "needs a level: block, relay, user or admin"));
            }
        });
        checkSecretKey(bridge.secretKey(), problems);
        checkRelayFormat(bridge.relay().messageFormat(), problems);
        int limit = bridge.backfill().limit();
        if (limit < 0 || limit > BackfillSettings.MAX_LIMIT) {
            problems.add(new ConfigProblem("bridge.backfill.limit", Integer.toString(limit), "must be between 0 (no"
                    + " history in new portals) and " + BackfillSettings.MAX_LIMIT + "; the default is "
                    + BackfillSettings.DEFAULT_LIMIT));
        }
    }

    private static void checkRelayFormat(String format, List<ConfigProblem> problems) {
        var key = "bridge.relay.message_format";
        int messages = format.split("\\{message}", -1).length - 1;
        if (messages != 1) {
            problems.add(new ConfigProblem(key, format, "must contain {message} exactly once (where the relayed "
                    + "text goes), e.g. " + RelaySettings.DEFAULT_FORMAT));
        }
        var unknown = java.util.regex.Pattern.compile("\\{([^{}]*)}").matcher(format).results()
                .map(m -> m.group(1)).filter(p -> !Set.of("name", "mxid", "message").contains(p)).toList();
        if (!unknown.isEmpty()) {
            problems.add(new ConfigProblem(key, format, "has unknown placeholders " + unknown
                    + "; the known ones are {name} (display name), {mxid} (user id) and {message}"));
        }
    }

    private static void checkSecretKey(String secretKey, List<ConfigProblem> problems) {
        var key = "bridge.secret_key";
        if (secretKey.isBlank()) {
            problems.add(ConfigProblem.missing(key, "is required: base64 of 32 random bytes that encrypts login "
                    + "secrets at rest (e.g. 'openssl rand -base64 32')" + REGENERATE));
            return;
        }
        byte[] decoded;
        try {
            decoded = secretKey.contains("-") || secretKey.contains("_")
                    ? Base64.getUrlDecoder().decode(secretKey.trim())
                    : Base64.getDecoder().decode(secretKey.trim());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(key, SecretMask.mask(secretKey), "is not valid base64; it must be base64 "
                    + "of 32 random bytes (e.g. 'openssl rand -base64 32')"));
            return;
        }
        if (decoded.length != SECRET_KEY_BYTES) {
            problems.add(new ConfigProblem(key, SecretMask.mask(secretKey), "decodes to " + decoded.length
                    + " bytes but must decode to exactly 32 (e.g. 'openssl rand -base64 32'). Keep the old key if "
                    + "logins already exist: changing it makes their stored secrets unreadable"));
        }
    }

    private static void checkMetrics(MetricsConfig metrics, AppserviceConfig appservice,
            List<ConfigProblem> problems) {
        if (!metrics.enabled()) {
            return;
        }
        checkListen("metrics", metrics.hostname(), metrics.port(), problems);
        boolean sameHost = metrics.hostname().equals(appservice.hostname()) || isWildcard(metrics.hostname())
                || isWildcard(appservice.hostname());
        if (sameHost && metrics.port() == appservice.port()) {
            problems.add(new ConfigProblem("metrics.port", Integer.toString(metrics.port()), "is the same as "
                    + "appservice.port; give the metrics listener its own port (default "
                    + ConfigDefaults.METRICS_PORT + ")"));
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::");
    }

    private static void checkLogging(LoggingConfig logging, List<ConfigProblem> problems) {
        if (!LOG_LEVELS.contains(logging.level().toLowerCase(Locale.ROOT))) {
            problems.add(new ConfigProblem("logging.level", logging.level(),
                    "must be one of error, warn, info, debug, trace"));
        }
    }

    private static void checkProvisioning(ProvisioningConfig provisioning, AppserviceConfig appservice,
            List<ConfigProblem> problems) {
        if (!provisioning.enabled()) {
            return;
        }
        var key = "provisioning.shared_secret";
        var secret = provisioning.sharedSecret();
        if (secret.isEmpty()) {
            problems.add(ConfigProblem.missing(key, "is required while provisioning.enabled is true: a random string "
                    + "of at least " + MIN_TOKEN_LENGTH + " characters that API clients send as 'Authorization: "
                    + "Bearer'" + REGENERATE + ", or set provisioning.enabled: false"));
        } else {
            checkToken(key, secret, problems);
            for (var token : List.of(appservice.asToken(), appservice.hsToken())) {
                if (MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8))) {
                    problems.add(new ConfigProblem(key, SecretMask.mask(secret), "must differ from the appservice "
                            + "tokens, so that an API client cannot act as the homeserver or the bridge" + REGENERATE));
                    break;
                }
            }
        }
        var prefix = provisioning.prefix();
        if (!prefix.matches("(/[A-Za-z0-9._~-]+)+") || prefix.startsWith("/_matrix/app")) {
            problems.add(new ConfigProblem("provisioning.prefix", prefix, "must be a path of one or more "
                    + "/segments without a trailing slash, outside /_matrix/app, e.g. "
                    + ProvisioningConfig.DEFAULT_PREFIX));
        }
    }

    private static void checkDoublePuppet(DoublePuppetConfig doublePuppet, AppserviceConfig appservice,
                                          List<ConfigProblem> problems) {
        doublePuppet.secrets().forEach((server, secret) -> {
            var key = "double_puppet.secrets." + server;
            if (!MatrixNames.isServerName(server)) {
                problems.add(new ConfigProblem(key, server, "the key must be a server name (example.org): the server "
                        + "of the users this secret may act as"));
            }
            if (secret == null || !secret.startsWith(DoublePuppetConfig.AS_TOKEN_PREFIX)) {
                problems.add(new ConfigProblem(key, secret == null ? "" : SecretMask.mask(secret), "must be "
                        + "'as_token:<token>' with the as_token of an appservice registered on that server whose "
                        + "non-exclusive user namespace covers its users (see README.md, \"Double puppeting\")"));
                return;
            }
            var token = secret.substring(DoublePuppetConfig.AS_TOKEN_PREFIX.length());
            if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                problems.add(new ConfigProblem(key, SecretMask.mask(secret), "needs a token after 'as_token:', "
                        + "printable ASCII without spaces"));
            } else if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    appservice.asToken().getBytes(StandardCharsets.UTF_8))) {
                problems.add(new ConfigProblem(key, SecretMask.mask(secret), "must not be the bridge's own as_token "
                        + "(its namespace is exclusive and holds no real users): register a separate double-puppet "
                        + "appservice on the homeserver and use its as_token"));
            }
        });
    }

    private static void checkListen(String section, String hostname, int port, List<ConfigProblem> problems) {
        if (!MatrixNames.isListenHost(hostname)) {
            problems.add(new ConfigProblem(section + ".hostname", hostname, "must be a host name or IP address "
                    + "to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every interface"));
        }
        if (port < 1 || port > 65535) {
            problems.add(new ConfigProblem(section + ".port", Integer.toString(port),
                    "must be between 1 and 65535"));
        }
    }

    private static void checkHttpUrl(String key, String value, String what, List<ConfigProblem> problems) {
        if (value.isBlank()) {
            problems.add(ConfigProblem.missing(key, "is required: " + what));
            return;
        }
        try {
            var uri = new URI(value);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(new ConfigProblem(key, value, "must be an http:// or https:// URL with a host: " + what));
    }
}
