package dev.passerelle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

    private static final String AS_TOKEN = "AS-0123456789abcdefghijklmnopqrstuvwxyz-0123456789abcdefghijklmn";

    @AfterEach
    void forget() {
        SecretScrubber.register(List.of());
    }

    @Test
    void tokenShapesAreMasked() {
        assertEquals("GET /_matrix/app/v1/users/x?access_token=*** 200",
                SecretScrubber.scrub("GET /_matrix/app/v1/users/x?access_token=abcdef123456 200"));
        assertEquals("Authorization: Bearer *** sent",
                SecretScrubber.scrub("Authorization: Bearer syt_abc_def_ghi sent"));
        assertEquals("{\"as_token\":\"***\"}", SecretScrubber.scrub("{\"as_token\":\"whatever\"}"));
        assertEquals("postgres://bridge:***@db/passerelle",
                SecretScrubber.scrub("postgres://bridge:hunter2@db/passerelle"));
        assertEquals("nothing secret here: 42", SecretScrubber.scrub("nothing secret here: 42"));
    }

    @Test
    void registeredSecretsAreMaskedWherever() {
        SecretScrubber.register(List.of(AS_TOKEN, ""));
        assertEquals("token is *** ok", SecretScrubber.scrub("token is " + AS_TOKEN + " ok"));
    }

    @Test
    void theLogPatternMasksMessagesAndStackTraces() {
        SecretScrubber.register(List.of(AS_TOKEN));
        var context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        var bytes = new ByteArrayOutputStream();
        var appender = new OutputStreamAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setEncoder(LoggingSetup.encoder(context));
        appender.setOutputStream(bytes);
        appender.start();
        var logger = context.getLogger("dev.passerelle.test");
        logger.addAppender(appender);
        logger.info("calling {} with Authorization: Bearer {}", "/sync?access_token=secret123", AS_TOKEN);
        logger.warn("failed", new IllegalStateException("bad token " + AS_TOKEN));
        appender.stop();
        var text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(AS_TOKEN), text);
        assertFalse(text.contains("secret123"), text);
        assertTrue(text.contains("INFO  [") && text.contains("dev.passerelle.test - calling /sync?access_token=***"),
                text);
        assertTrue(text.contains("IllegalStateException: bad token ***"), text);
        assertTrue(text.lines().findFirst().orElseThrow().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.*"),
                text);
    }
}
