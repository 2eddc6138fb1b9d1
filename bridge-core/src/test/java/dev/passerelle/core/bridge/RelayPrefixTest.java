package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.passerelle.core.format.Entity;
import dev.passerelle.core.format.EntityType;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelayPrefixTest {

    @Test
    void theNameIsBoldAndTheTextsFormattingMovesAlong() {
        FormattedText text = FormattedText.of("see this", new Entity(4, 4, EntityType.ITALIC));
        assertEquals(FormattedText.of("Zoë: see this", new Entity(0, 3, EntityType.BOLD),
                new Entity(9, 4, EntityType.ITALIC)), RelayPrefix.prefix("Zoë", text));
    }

    @Test
    void anEmptyCaptionGetsTheNameAlone() {
        MessageContent.Media media = new MessageContent.Media(MessageContent.MediaKind.FILE, () -> null, "a.pdf",
                "application/pdf", 3, Optional.empty(), Optional.empty(), FormattedText.plain(""));
        MessageContent.Media prefixed = (MessageContent.Media) RelayPrefix.apply("Dave", media);
        assertEquals(FormattedText.of("Dave", new Entity(0, 4, EntityType.BOLD)), prefixed.caption());
        assertEquals("a.pdf", prefixed.fileName());
    }

    @Test
    void aLocationHasNoTextToPrefix() {
        MessageContent location = new MessageContent.Location(48.85, 2.35, Optional.of("Paris"));
        assertSame(location, RelayPrefix.apply("Dave", location));
    }

    @Test
    void aConfiguredFormatPutsTheMessageWhereItSays() {
        RelayPrefix format = new RelayPrefix("{message} — <i>{name}</i> ({mxid})");
        FormattedText text = FormattedText.of("see this", new Entity(4, 4, EntityType.BOLD));
        assertEquals(FormattedText.of("see this — Dave (@dave:example.org)", new Entity(4, 4, EntityType.BOLD),
                new Entity(11, 4, EntityType.ITALIC)), format.around("Dave", "@dave:example.org", text));
    }

    @Test
    void namesAreTextNotHtml() {
        RelayPrefix format = new RelayPrefix("[{name}] {message}");
        assertEquals(FormattedText.plain("[<b>Eve</b>] hi"), format.around("<b>Eve</b>", "@eve:example.org",
                FormattedText.plain("hi")));
    }
}
