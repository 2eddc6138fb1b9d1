package dev.passerelle.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Message contents as TDLib sends them, for tests to post on the fake Telegram. */
final class TdContents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TdContents() {
    }

    /** A {@code messagePhoto} of one 40×30 size. */
    static ObjectNode photo(ObjectNode file, String caption) {
        ObjectNode size = JSON.createObjectNode().put("@type", "photoSize").put("type", "x").put("width", 40)
                .put("height", 30);
        size.set("photo", file);
        ObjectNode photo = JSON.createObjectNode().put("@type", "photo").put("has_stickers", false);
        photo.putArray("sizes").add(size);
        ObjectNode content = JSON.createObjectNode().put("@type", "messagePhoto");
        content.set("photo", photo);
        ObjectNode text = content.putObject("caption").put("@type", "formattedText").put("text", caption);
        text.putArray("entities");
        return content;
    }
}
