package dev.passerelle.core.bridge;

import dev.passerelle.core.store.LoginState;
import dev.passerelle.core.store.UserLoginRow;
import dev.passerelle.core.store.UserLoginStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code passerelle_logins{network, state}}: how many logins each network has in each state, read from the store
 * (the state every login change records) at most every {@link #REFRESH}, so that a scrape costs one query per network
 * at most. The alert on logins needing a new login ({@code bad_credentials}) is built on it.
 */
final class LoginGauges {

    private static final Logger LOG = LoggerFactory.getLogger(LoginGauges.class);
    static final Duration REFRESH = Duration.ofSeconds(5);

    private LoginGauges() {
    }

    static void register(MeterRegistry registry, Iterable<String> networks, UserLoginStore store) {
        for (String network : networks) {
            Supplier<Map<LoginState, Integer>> counts = cached(() -> count(store, network));
            for (LoginState state : LoginState.values()) {
                Gauge.builder("passerelle.logins", () -> {
                            Map<LoginState, Integer> known = counts.get();
                            return known == null ? Double.NaN : known.getOrDefault(state, 0);
                        })
                        .description("Logins of a network by their last known state")
                        .tag("network", network).tag("state", state.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
    }

    private static Map<LoginState, Integer> count(UserLoginStore store, String network) {
        Map<LoginState, Integer> counts = new EnumMap<>(LoginState.class);
        for (UserLoginRow row : store.listByNetwork(network)) {
            counts.merge(row.state(), 1, Integer::sum);
        }
        return counts;
    }

    private static <T> Supplier<T> cached(Supplier<T> source) {
        return new Supplier<>() {
            private T value;
            private long until;

            @Override
            public synchronized T get() {
                long now = System.nanoTime();
                if (value == null || now - until >= 0) {
                    try {
                        value = source.get();
                    } catch (RuntimeException e) {
                        // The database is unavailable: keep the last counts (none at first: NaN) for this scrape.
                        LOG.warn("Could not count logins for the metrics: {}", e.toString());
                    }
                    until = now + REFRESH.toNanos();
                }
                return value;
            }
        };
    }
}
