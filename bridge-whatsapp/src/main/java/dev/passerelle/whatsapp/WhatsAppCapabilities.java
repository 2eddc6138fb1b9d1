package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkCapabilities.MessageKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;

/** What WhatsApp carries: edits within 15 minutes, delete for everyone within about 2 days, one reaction each. */
final class WhatsAppCapabilities {

    static final long MAX_FILE_BYTES = 100L * 1024 * 1024;

    private WhatsAppCapabilities() {
    }

    static NetworkCapabilities get() {
        return new NetworkCapabilities(
                EnumSet.of(MessageKind.TEXT, MessageKind.NOTICE, MessageKind.EMOTE, MessageKind.IMAGE,
                        MessageKind.VIDEO, MessageKind.AUDIO, MessageKind.VOICE, MessageKind.FILE, MessageKind.STICKER,
                        MessageKind.LOCATION, MessageKind.ANIMATION, MessageKind.POLL),
                true, MAX_FILE_BYTES,
                true, Optional.of(Duration.ofMinutes(15)),
                true, Optional.of(Duration.ofHours(48)),
                true, 1);
    }
}
