package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.Tables.WEBHOOK_DELIVERY;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The {@code webhook_delivery} table (see {@code V4__create_webhook_inbox.sql}): networks' webhook deliveries,
 * stored before they are acknowledged. Every method blocks on the database and throws jOOQ's
 * {@code DataAccessException} when it cannot be reached.
 */
public final class WebhookInboxStore {

    private final Database database;

    public WebhookInboxStore(Database database) {
        this.database = database;
    }

    private DSLContext dsl() {
        return database.dsl();
    }

    /** The highest sequence number ever assigned, 0 when none. */
    public long maxSeq() {
        Long max = dsl().select(DSL.max(WEBHOOK_DELIVERY.SEQ)).from(WEBHOOK_DELIVERY).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    /**
     * Stores a delivery in one commit.
     *
     * @param bodySha256 the body's SHA-256 in hex: the same body for the same network is stored once
     * @return false when that body is already stored for that network (nothing was written)
     */
    public boolean insert(long seq, String network, String path, String bodySha256, String body, Instant now) {
        IdChecks.requireId(network, "network");
        return dsl().insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.SEQ, seq)
                .set(WEBHOOK_DELIVERY.NETWORK, network)
                .set(WEBHOOK_DELIVERY.PATH, path)
                .set(WEBHOOK_DELIVERY.BODY_SHA256, bodySha256)
                .set(WEBHOOK_DELIVERY.BODY, body)
                .set(WEBHOOK_DELIVERY.RECEIVED_AT, now.toEpochMilli())
                .onConflict(WEBHOOK_DELIVERY.NETWORK, WEBHOOK_DELIVERY.BODY_SHA256).doNothing()
                .execute() == 1;
    }

    /** The deliveries of {@code network} not yet handled, in arrival order. */
    public List<WebhookDeliveryRow> pending(String network) {
        return dsl().select(WEBHOOK_DELIVERY.SEQ, WEBHOOK_DELIVERY.NETWORK, WEBHOOK_DELIVERY.PATH,
                        WEBHOOK_DELIVERY.BODY, WEBHOOK_DELIVERY.RECEIVED_AT)
                .from(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.NETWORK.eq(network).and(WEBHOOK_DELIVERY.DONE_AT.isNull()))
                .orderBy(WEBHOOK_DELIVERY.SEQ)
                .fetch(WebhookInboxStore::toRow);
    }

    private static WebhookDeliveryRow toRow(Record r) {
        return new WebhookDeliveryRow(r.get(WEBHOOK_DELIVERY.SEQ), r.get(WEBHOOK_DELIVERY.NETWORK),
                r.get(WEBHOOK_DELIVERY.PATH), r.get(WEBHOOK_DELIVERY.BODY),
                Instant.ofEpochMilli(r.get(WEBHOOK_DELIVERY.RECEIVED_AT)));
    }

    /** The delivery of {@code network} with this body, if it is stored and not yet handled. */
    public Optional<WebhookDeliveryRow> findPending(String network, String bodySha256) {
        return dsl().select(WEBHOOK_DELIVERY.SEQ, WEBHOOK_DELIVERY.NETWORK, WEBHOOK_DELIVERY.PATH,
                        WEBHOOK_DELIVERY.BODY, WEBHOOK_DELIVERY.RECEIVED_AT)
                .from(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.NETWORK.eq(network).and(WEBHOOK_DELIVERY.BODY_SHA256.eq(bodySha256))
                        .and(WEBHOOK_DELIVERY.DONE_AT.isNull()))
                .fetchOptional(WebhookInboxStore::toRow);
    }

    /** Records a delivery as handled; its body is dropped, the row stays to recognise the same body sent again. */
    public void markDone(long seq, Instant now) {
        dsl().update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.DONE_AT, now.toEpochMilli())
                .setNull(WEBHOOK_DELIVERY.BODY)
                .where(WEBHOOK_DELIVERY.SEQ.eq(seq))
                .execute();
    }

    /** Deletes handled deliveries older than {@code cutoff}; returns how many. */
    public int deleteDoneBefore(Instant cutoff) {
        return dsl().deleteFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.DONE_AT.isNotNull().and(WEBHOOK_DELIVERY.DONE_AT.lt(cutoff.toEpochMilli())))
                .execute();
    }
}
