package dev.passerelle.testkit.homeserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A request as it reached the fake, before faults, delays or handling.
 *
 * @param method      HTTP method
 * @param decodedPath the path with each segment percent-decoded
 * @param body        the JSON body, when there was one
 * @param nanoTime    {@link System#nanoTime()} when the request's body had arrived
 */
public record Arrival(String method, String decodedPath, Optional<JsonNode> body, long nanoTime) {
}
