package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** The answer of {@code getTextEntities}. */
@JsonTypeName("textEntities")
public record TextEntities(List<TextEntity> entities) implements TdObject {
}
