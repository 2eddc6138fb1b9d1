package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

@JsonTypeName("sticker")
public record Sticker(int width, int height, String emoji, StickerFormat format, TdFile sticker) implements TdObject {
}
