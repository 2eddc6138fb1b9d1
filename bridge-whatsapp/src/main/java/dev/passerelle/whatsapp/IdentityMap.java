package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.ConnectorStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One person, one remote id, whichever JID a message arrives with. WhatsApp addresses the same person by phone
 * number ({@code 336…@s.whatsapp.net}) or by LID ({@code 123…@lid}) depending on the chat and the client; Baileys
 * tells which LID belongs to which number (the alternative JID in message keys, {@code lid-mapping.update}, history
 * sync). The first JID seen of a person fixes their remote id (phone digits when the number is known then); every
 * JID learned later for them maps to it. Kept in the connector store ({@code id/<jid>} → remote id, network-wide),
 * cached in memory. Thread-safe.
 */
public final class IdentityMap {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityMap.class);
    private static final String NETWORK_WIDE = "";
    private static final String PREFIX = "id/";

    private final ConnectorStore store;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public IdentityMap(ConnectorStore store) {
        this.store = store;
    }

    /**
     * The remote id of the person behind {@code jid}, learning {@code alt} (the same person's other JID) when given.
     */
    public synchronized String resolve(String jid, Optional<String> alt) {
        String primary = WhatsAppIds.normalize(jid);
        Optional<String> other = alt.filter(a -> !a.isBlank()).map(WhatsAppIds::normalize);
        Optional<String> known = lookup(primary).or(() -> other.flatMap(this::lookup));
        String id = known.orElseGet(() -> {
            // Prefer the phone number for a new person: it is what users know and what older chats used.
            String pn = WhatsAppIds.isPhone(primary) ? primary : other.filter(WhatsAppIds::isPhone).orElse(primary);
            return WhatsAppIds.remoteIdOf(pn);
        });
        // A JID already bound to someone keeps its binding; only new JIDs are learned.
        if (lookup(primary).isEmpty()) {
            remember(primary, id);
        }
        other.filter(o -> lookup(o).isEmpty()).ifPresent(o -> remember(o, id));
        return id;
    }

    /** Learns that {@code lid} and {@code pn} are the same person (from Baileys' mapping events). */
    public synchronized void learn(String lid, String pn) {
        String l = WhatsAppIds.normalize(lid);
        String p = WhatsAppIds.normalize(pn);
        Optional<String> byLid = lookup(l);
        Optional<String> byPn = lookup(p);
        if (byLid.isPresent() && byPn.isPresent() && !byLid.get().equals(byPn.get())) {
            LOG.warn("WhatsApp says {} and {} are one person, but they were already bridged as two ({} and {}); "
                    + "keeping both", l, p, byLid.get(), byPn.get());
            return;
        }
        resolve(p, Optional.of(l));
    }

    /** The person's phone JID when known. */
    public Optional<String> phoneJidOf(String remoteId) {
        String jid = WhatsAppIds.jidOf(remoteId);
        return WhatsAppIds.isPhone(jid) ? Optional.of(jid) : Optional.empty();
    }

    private Optional<String> lookup(String jid) {
        String cached = cache.get(jid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = store.get(NETWORK_WIDE, PREFIX + jid).map(b -> new String(b, StandardCharsets.UTF_8));
        stored.ifPresent(id -> cache.put(jid, id));
        return stored;
    }

    private void remember(String jid, String id) {
        if (id.equals(cache.get(jid))) {
            return;
        }
        if (lookup(jid).filter(id::equals).isEmpty()) {
            store.put(NETWORK_WIDE, PREFIX + jid, id.getBytes(StandardCharsets.UTF_8));
        }
        cache.put(jid, id);
    }
}
