package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A room event to send: its type ({@code m.room.message}, {@code m.sticker}, {@code m.reaction}) and content.
 */
public record MatrixEvent(String type, ObjectNode content) {
}
