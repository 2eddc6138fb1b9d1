package dev.passerelle.testkit.homeserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fake's route table: method + path pattern ({@code {name}} captures one decoded segment) → handler. */
final class Routes {
    /** What a route needs before its handler runs. */
    enum Auth {
        /** Nothing (versions, legacy media download). */
        NONE,
        /** A valid as_token; the masquerade is not checked (registration). */
        TOKEN,
        /** A valid as_token and a user the appservice may act as, already registered. */
        USER
    }

    interface Endpoint {
        void handle(Exchange ex);
    }

    record Route(String method, List<String> pattern, Auth auth, Endpoint endpoint) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String pattern, Auth auth, Endpoint endpoint) {
        routes.add(new Route(method, PathSegments.split(pattern), auth, endpoint));
    }

    Optional<Match> find(String method, List<String> segments) {
        for (Route r : routes) {
            if (!r.method.equals(method) || r.pattern.size() != segments.size()) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < segments.size() && ok; i++) {
                String p = r.pattern.get(i);
                if (p.startsWith("{") && p.endsWith("}")) {
                    params.put(p.substring(1, p.length() - 1), segments.get(i));
                } else {
                    ok = p.equals(segments.get(i));
                }
            }
            if (ok) {
                return Optional.of(new Match(r, params));
            }
        }
        return Optional.empty();
    }
}
