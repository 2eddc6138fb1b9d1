package dev.passerelle.app;

import java.io.IOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the Maven project version, filtered into {@code version.properties} at build time. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        var properties = new Properties();
        try (var in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"Passerelle " + properties.getProperty("version", "(unknown version)"),
                "Java " + Runtime.version()};
    }
}
