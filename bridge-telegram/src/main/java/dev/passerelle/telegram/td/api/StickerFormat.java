package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** WEBP is a still image; TGS (Lottie) and WEBM are animated. */
public sealed interface StickerFormat extends TdObject {

    @JsonTypeName("stickerFormatWebp") record Webp() implements StickerFormat { }
    @JsonTypeName("stickerFormatTgs") record Tgs() implements StickerFormat { }
    @JsonTypeName("stickerFormatWebm") record Webm() implements StickerFormat { }
}
