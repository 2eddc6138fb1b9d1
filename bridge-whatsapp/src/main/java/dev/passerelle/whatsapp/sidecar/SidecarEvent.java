package dev.passerelle.whatsapp.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * An event line from the sidecar: {@code {"v":1,"type":"event","event":..,"session":..,"data":{..}}}.
 *
 * @param event   what happened ({@code connection}, {@code qr}, {@code message}, {@code lid_mapping}...)
 * @param session the login session it concerns, when it concerns one
 * @param data    the event's fields
 */
public record SidecarEvent(String event, Optional<String> session, JsonNode data) {
}
