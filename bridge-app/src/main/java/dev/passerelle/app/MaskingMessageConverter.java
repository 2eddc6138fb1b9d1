package dev.passerelle.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %msg} with secrets scrubbed; registered as {@code %maskedMsg} in {@code logback.xml}. */
public final class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretScrubber.scrub(super.convert(event));
    }
}
