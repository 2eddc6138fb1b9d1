package dev.passerelle.messenger;

import dev.passerelle.core.spi.NetworkCapabilities;
import dev.passerelle.core.spi.NetworkCapabilities.MessageKind;
import java.util.EnumSet;
import java.util.Optional;

/**
 * What a Page can send through the Send API: text (no formatting), images, videos, audio and files up to 25 MB
 * (Meta's attachment limit), one reaction per message. A Page cannot edit or unsend its messages.
 */
final class MessengerCapabilities {

    static final long MAX_FILE_BYTES = 25L * 1024 * 1024;

    private MessengerCapabilities() {
    }

    static NetworkCapabilities of() {
        return new NetworkCapabilities(EnumSet.of(MessageKind.TEXT, MessageKind.NOTICE, MessageKind.EMOTE,
                MessageKind.IMAGE, MessageKind.VIDEO, MessageKind.AUDIO, MessageKind.VOICE, MessageKind.FILE,
                MessageKind.STICKER), false, MAX_FILE_BYTES, false, Optional.empty(), false, Optional.empty(), true, 1);
    }
}
