package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.passerelle.core.config.ConfigLoader;
import dev.passerelle.core.config.ExampleConfig;
import dev.passerelle.core.config.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {

    @TempDir
    Path dir;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restore() {
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var file = root.getAppender("FILE");
        if (file != null) {
            root.detachAppender(file);
            file.stop();
        }
        root.setLevel(Level.INFO);
        SecretScrubber.register(List.of());
    }

    @Test
    void levelFileAndConfiguredSecretsAreApplied() throws Exception {
        var configFile = dir.resolve("config.yaml");
        ExampleConfig.write(configFile, new SecretGenerator());
        var logFile = dir.resolve("passerelle.log");
        var config = new ConfigLoader(Map.of("PASSERELLE_LOGGING__LEVEL", "warn",
                "PASSERELLE_LOGGING__FILE", logFile.toString())).load(configFile);
        LoggingSetup.apply(config);
        var log = LoggerFactory.getLogger("dev.passerelle.app.test");
        log.info("not written at warn");
        log.warn("hs token is {}", config.appservice().hsToken());
        var text = Files.readString(logFile);
        assertFalse(text.contains("not written"), text);
        assertFalse(text.contains(config.appservice().hsToken()), text);
        assertTrue(text.contains("WARN  [") && text.contains("hs token is ***"), text);
        assertEquals(Level.WARN, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    }

    @Test
    void theBundledLogbackXmlMasksStandardOutput() {
        var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("STDOUT");
        var layout = ((LayoutWrappingEncoder<ILoggingEvent>) appender.getEncoder()).getLayout();
        var event = new LoggingEvent("test", context.getLogger("x"), Level.INFO,
                "GET /users?access_token={}", null, new Object[] {"leaked-token-123"});
        var line = layout.doLayout(event);
        assertFalse(line.contains("leaked-token-123"), line);
        assertTrue(line.contains("access_token=***"), line);
        assertTrue(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).endsWith(
                System.lineSeparator()), line);
    }
}
