package dev.passerelle.app;

import dev.passerelle.core.bridge.Networks;
import dev.passerelle.core.config.ExampleConfig;
import dev.passerelle.core.config.SecretGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code docs/config-reference.md}: every config key with its default and meaning, read from the example config
 * (which a test holds to the config records) and from each connector's example section, so the reference cannot
 * drift from what the bridge accepts. A test in bridge-app fails when the committed file differs.
 */
final class ConfigReference {

    /** Keys whose example value is a fresh secret: the reference says so instead of showing one. */
    private static final Set<String> GENERATED = Set.of("appservice.as_token", "appservice.hs_token",
            "bridge.secret_key", "provisioning.shared_secret");

    private ConfigReference() {
    }

    /** The reference for this build: the core keys and the sections of the connectors on the class path. */
    static String markdown() {
        return markdown(ExampleConfig.render(new SecretGenerator()), Networks.exampleSections());
    }

    static String markdown(String exampleConfig, Map<String, String> networkSections) {
        var out = new StringBuilder("""
                # Configuration reference

                Generated from the bridge's config records and its connectors' example sections by the build
                (`bridge-app/target/config-reference.md`); do not edit by hand. `passerelle config-reference` prints
                the reference of the jar you run. Every key can also be set with an environment variable:
                `PASSERELLE_` + the path in upper case with `__` between levels (`PASSERELLE_DATABASE__URI`).
                """);
        // The core sections end where the networks section begins; connectors are rendered from their own text.
        String core = exampleConfig.substring(0, exampleConfig.indexOf("\nnetworks:") + 1);
        for (Section section : sections(core, "")) {
            if (!section.name().equals("networks")) {
                section.appendTo(out);
            }
        }
        out.append("\n## networks\n\nOne section per network connector, passed as it is to that connector; a network "
                + "runs when its section is present.\n");
        networkSections.forEach((id, body) -> {
            var section = new Section("networks." + id, "", new ArrayList<>());
            section.rows().addAll(rows(body, "networks." + id));
            section.appendTo(out);
        });
        return out.toString();
    }

    /** The top-level sections of the example, each with its introduction and its keys. */
    private static List<Section> sections(String yaml, String prefix) {
        var sections = new ArrayList<Section>();
        var comment = new StringBuilder();
        var body = new StringBuilder();
        Section current = null;
        for (String line : yaml.lines().toList()) {
            boolean topLevel = !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#");
            if (topLevel) {
                if (current != null) {
                    current.rows().addAll(rows(body.toString(), current.name()));
                }
                current = new Section(line.substring(0, line.indexOf(':')), comment.toString().strip(),
                        new ArrayList<>());
                sections.add(current);
                body.setLength(0);
                comment.setLength(0);
            } else if (line.startsWith("#")) {
                comment.append(line.substring(1).strip()).append(' ');
            } else if (line.isBlank()) {
                comment.setLength(0);
            } else if (line.startsWith("  ")) {
                body.append(line.substring(2)).append('\n');
            }
        }
        if (current != null) {
            current.rows().addAll(rows(body.toString(), current.name()));
        }
        return sections;
    }

    /**
     * The keys of a section body (keys at the left margin): each key with the comment above it. Lines without a
     * comment of their own (the entries of a map such as {@code permissions}) belong to the key above.
     */
    private static List<Row> rows(String body, String prefix) {
        var rows = new ArrayList<Row>();
        var comment = new StringBuilder();
        var path = new ArrayList<String>();
        for (String line : body.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comment.append(trimmed.substring(1).strip()).append(' ');
                continue;
            }
            if (trimmed.isEmpty() || !trimmed.contains(":")) {
                continue;
            }
            int depth = (line.length() - line.stripLeading().length()) / 2;
            String key = trimmed.substring(0, trimmed.indexOf(':'));
            String value = trimmed.substring(trimmed.indexOf(':') + 1).strip();
            if (comment.isEmpty() && !rows.isEmpty()) {
                rows.getLast().examples().add(trimmed);
                continue;
            }
            while (path.size() > depth) {
                path.removeLast();
            }
            path.add(key);
            String full = prefix + "." + String.join(".", path);
            rows.add(new Row(full, value, GENERATED.contains(full), comment.toString().strip(), new ArrayList<>()));
            comment.setLength(0);
        }
        return rows;
    }

    private record Section(String name, String introduction, List<Row> rows) {
        void appendTo(StringBuilder out) {
            out.append("\n## ").append(name).append("\n\n");
            if (!introduction.isEmpty()) {
                out.append(introduction.replace("<", "&lt;")).append("\n\n");
            }
            out.append("| key | example or default | meaning |\n| --- | --- | --- |\n");
            for (Row row : rows) {
                out.append("| `").append(row.path()).append("` | ").append(row.shownValue()).append(" | ")
                        .append(row.meaning().replace("|", "\\|").replace("<", "&lt;")).append(" |\n");
            }
        }
    }

    private record Row(String path, String value, boolean generated, String meaning, List<String> examples) {
        String shownValue() {
            if (generated) {
                return "a fresh secret from generate-config";
            }
            var values = new ArrayList<String>();
            if (!value.isEmpty()) {
                values.add(value);
            }
            values.addAll(examples);
            return values.isEmpty() ? "(section)" : "`" + String.join("`, `", values).replace("|", "\\|") + "`";
        }
    }
}
