package dev.passerelle.core.appservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the homeserver's third-party lookups ({@code /thirdparty/...}). Called on a virtual thread; may block.
 * The defaults know nothing: unknown protocols and forward lookups answer 404 {@code M_NOT_FOUND}, reverse
 * lookups (by alias or Matrix user id) answer 200 with an empty list.
 */
public interface ThirdPartyQueryHandler {

    /** The protocol's metadata (the spec's {@code Protocol} object), or empty when it is not bridged. */
    default Optional<ObjectNode> protocol(String protocol) {
        return Optional.empty();
    }

    /** Portal rooms for a third-party location; empty answers 404. */
    default List<ObjectNode> locations(String protocol, Map<String, String> fields) {
        return List.of();
    }

    /** Matrix users for a third-party user; empty answers 404. */
    default List<ObjectNode> users(String protocol, Map<String, String> fields) {
        return List.of();
    }

    /** Third-party locations bridged to a Matrix room alias; empty answers 200 {@code []}. */
    default List<ObjectNode> locationsForAlias(String alias) {
        return List.of();
    }

    /** Third-party users bridged to a Matrix user id; empty answers 200 {@code []}. */
    default List<ObjectNode> usersForMatrixId(String userId) {
        return List.of();
    }

    /** Knows nothing. */
    static ThirdPartyQueryHandler none() {
        return new ThirdPartyQueryHandler() {
        };
    }
}
