package dev.passerelle.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.passerelle.core.config.PasserelleConfig;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code logging} section at start: the root level, an optional log file with the same masked
 * one-line format as standard output, and the config's secrets for {@link SecretScrubber}.
 */
public final class LoggingSetup {

    /** One line per event: timestamp, level, thread, logger, message; the same as {@code logback.xml}. */
    public static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %maskedMsg%n%maskedEx";

    private LoggingSetup() {
    }

    /** Configures logging for {@code config}; call once, before the bridge starts. */
    public static void apply(PasserelleConfig config) {
        SecretScrubber.register(List.of(config.appservice().asToken(), config.appservice().hsToken(),
                config.bridge().secretKey(), config.provisioning().sharedSecret()));
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.logging().level().toUpperCase(Locale.ROOT), Level.INFO));
        if (!config.logging().file().isBlank()) {
            var file = new FileAppender<ILoggingEvent>();
            file.setContext(context);
            file.setName("FILE");
            file.setFile(config.logging().file());
            file.setAppend(true);
            file.setEncoder(encoder(context));
            file.start();
            root.addAppender(file);
        }
    }

    /** An encoder writing {@link #PATTERN}, with the masking converters registered on the layout itself. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
        var layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("maskedMsg", MaskingMessageConverter::new);
        layout.getInstanceConverterMap().put("maskedEx", MaskingThrowableConverter::new);
        layout.setPattern(PATTERN);
        layout.start();
        var encoder = new LayoutWrappingEncoder<ILoggingEvent>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
