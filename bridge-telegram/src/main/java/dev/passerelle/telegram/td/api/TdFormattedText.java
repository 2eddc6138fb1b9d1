package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Text with entities; offsets and lengths in UTF-16 code units. */
@JsonTypeName("formattedText")
public record TdFormattedText(String text, List<TextEntity> entities) implements TdObject {
}
