package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** A photo in several sizes, smallest first. */
@JsonTypeName("photo")
public record Photo(List<PhotoSize> sizes) implements TdObject {
}
