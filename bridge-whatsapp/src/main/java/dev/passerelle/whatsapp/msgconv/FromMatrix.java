package dev.passerelle.whatsapp.msgconv;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.spi.MessageContent;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.whatsapp.WhatsAppIds;
import dev.passerelle.whatsapp.format.WhatsAppFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link MessageContent} from Matrix → the sidecar's content object of a {@code send.message} request. */
public final class FromMatrix {

    private FromMatrix() {
    }

    /**
     * @param ghostJid the WhatsApp JID of a Matrix user who is one of our ghosts (a pill to them becomes a WhatsApp
     *                 mention: {@code @<number>} in the text and the JID in {@code mentions}); empty for others
     */
    public static ObjectNode convert(MessageContent content, Function<String, Optional<String>> ghostJid)
            throws NetworkException {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        List<String> mentioned = new ArrayList<>();
        Function<String, Optional<String>> written = mxid -> ghostJid.apply(mxid).map(jid -> {
            mentioned.add(jid);
            return "@" + WhatsAppIds.user(jid);
        });
        switch (content) {
            case MessageContent.Text t -> {
                String text = WhatsAppFormat.render(t.text(), written);
                // WhatsApp has no emote: the /me text goes out in italics.
                out.put("kind", "text").put("text", t.kind() == MessageContent.TextKind.EMOTE ? "_" + text + "_" : text);
            }
            case MessageContent.Media m -> {
                String kind = switch (m.kind()) {
                    case IMAGE -> "image";
                    case VIDEO -> "video";
                    case ANIMATION -> "gif";
                    case AUDIO -> "audio";
                    case VOICE -> "voice";
                    case STICKER -> "sticker";
                    case FILE -> "document";
                };
                out.put("kind", kind).put("mimetype", m.mimeType()).put("fileName", m.fileName());
                if (!m.caption().text().isEmpty()) {
                    out.put("caption", WhatsAppFormat.render(m.caption(), written));
                }
                m.durationMs().ifPresent(ms -> out.put("seconds", Math.max(1, Math.round(ms / 1000.0))));
                if (m.kind() == MessageContent.MediaKind.VOICE && !m.waveform().isEmpty()) {
                    out.put("waveform", Waveform.toWhatsApp(m.waveform()));
                }
                try (InputStream in = m.media().open()) {
                    out.put("data", Base64.getEncoder().encodeToString(in.readAllBytes()));
                } catch (IOException e) {
                    throw new NetworkException("Could not read the file to send to WhatsApp: " + e.getMessage(), true, e);
                }
            }
            case MessageContent.Location l -> {
                out.put("kind", "location").put("latitude", l.latitude()).put("longitude", l.longitude());
                l.name().ifPresent(n -> out.put("name", n));
            }
            case MessageContent.Poll p -> {
                // WhatsApp's 0 lets each person choose as many answers as they like.
                int selectable = p.maxSelections() >= p.options().size() && p.options().size() > 1 ? 0
                        : p.maxSelections();
                out.put("kind", "poll").put("name", p.question().text()).put("selectable", selectable);
                var options = out.putArray("options");
                for (MessageContent.PollOption o : p.options()) {
                    options.addObject().put("id", o.id()).put("text", o.text());
                }
            }
        }
        if (!mentioned.isEmpty()) {
            mentioned.stream().distinct().forEach(out.putArray("mentions")::add);
        }
        return out;
    }

    /** The text of an edit: WhatsApp edits the text or caption of a message. */
    public static String editText(MessageContent content) throws NetworkException {
        return switch (content) {
            case MessageContent.Text t -> WhatsAppFormat.render(t.text());
            case MessageContent.Media m -> WhatsAppFormat.render(m.caption());
            case MessageContent.Location l -> throw new NetworkException("WhatsApp cannot edit a location", false);
            case MessageContent.Poll p -> throw new NetworkException("WhatsApp cannot edit a poll", false);
        };
    }
}
