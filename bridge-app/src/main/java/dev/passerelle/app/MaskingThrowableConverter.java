package dev.passerelle.app;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Stack traces with secrets in exception messages scrubbed; registered as {@code %maskedEx}. */
public final class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SecretScrubber.scrub(super.convert(event));
    }
}
