package dev.passerelle.core.store;

import static dev.passerelle.core.store.jooq.tables.AsTransaction.AS_TRANSACTION;
import static dev.passerelle.core.store.jooq.tables.IntakeRoomProgress.INTAKE_ROOM_PROGRESS;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.passerelle.core.store.jooq.tables.records.IntakeRoomProgressRecord;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The intake's two tables, {@code as_transaction} and {@code intake_room_progress} (see {@code V1__create_intake.sql}).
 * Every method blocks on the database and throws jOOQ's {@code DataAccessException} when it cannot be reached.
 */
public final class IntakeStore {

    /** Rows per upsert: 4 bind values each stays far below SQLite's and PostgreSQL's parameter limits. */
    static final int ROWS_PER_STATEMENT = 500;

    private final Database database;

    public IntakeStore(Database database) {
        this.database = database;
    }

    private DSLContext dsl() {
        return database.dsl();
    }

    /**
     * The highest sequence number ever assigned, 0 when none. Room progress counts too: old transaction rows are
     * deleted, and a sequence number must never be reused below a room's recorded progress.
     */
    public long maxSeq() {
        Long txn = dsl().select(DSL.max(AS_TRANSACTION.SEQ)).from(AS_TRANSACTION).fetchOne(0, Long.class);
        Long room = dsl().select(DSL.max(INTAKE_ROOM_PROGRESS.TXN_SEQ)).from(INTAKE_ROOM_PROGRESS)
                .fetchOne(0, Long.class);
        return Math.max(txn == null ? 0 : txn, room == null ? 0 : room);
    }

    /**
     * Stores a transaction in one commit.
     *
     * @return false when a transaction with this id is already stored (nothing was written)
     */
    public boolean insert(long seq, String txnId, String body, int eventCount, long now) {
        return dsl().insertInto(AS_TRANSACTION)
                .set(AS_TRANSACTION.SEQ, seq)
                .set(AS_TRANSACTION.TXN_ID, txnId)
                .set(AS_TRANSACTION.BODY, body)
                .set(AS_TRANSACTION.EVENT_COUNT, eventCount)
                .set(AS_TRANSACTION.RECEIVED_AT, now)
                .onConflict(AS_TRANSACTION.TXN_ID).doNothing()
                .execute() == 1;
    }

    public Optional<StoredTransaction> find(String txnId) {
        return dsl().select(AS_TRANSACTION.SEQ, AS_TRANSACTION.TXN_ID, AS_TRANSACTION.BODY, AS_TRANSACTION.COMPLETED_AT)
                .from(AS_TRANSACTION).where(AS_TRANSACTION.TXN_ID.eq(txnId))
                .fetchOptional().map(IntakeStore::toStored);
    }

    /** Transactions not yet completed, in arrival order. */
    public List<StoredTransaction> pending() {
        return dsl().select(AS_TRANSACTION.SEQ, AS_TRANSACTION.TXN_ID, AS_TRANSACTION.BODY, AS_TRANSACTION.COMPLETED_AT)
                .from(AS_TRANSACTION).where(AS_TRANSACTION.COMPLETED_AT.isNull())
                .orderBy(AS_TRANSACTION.SEQ)
                .fetch(IntakeStore::toStored);
    }

    public Map<String, IntakePosition> roomProgress() {
        Map<String, IntakePosition> result = new HashMap<>();
        dsl().selectFrom(INTAKE_ROOM_PROGRESS).forEach(r ->
                result.put(r.getRoomId(), new IntakePosition(r.getTxnSeq(), r.getEventIndex())));
        return result;
    }

    /**
     * In one database transaction: records each room's last done event and marks the given transactions completed
     * (their bodies are dropped, the rows stay to recognise repeated transaction ids).
     */
    public void recordProgress(Map<String, IntakePosition> rooms, Collection<Long> completedSeqs, long now) {
        dsl().transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            upsertRooms(tx, rooms, now);
            if (!completedSeqs.isEmpty()) {
                tx.update(AS_TRANSACTION)
                        .set(AS_TRANSACTION.COMPLETED_AT, now)
                        .setNull(AS_TRANSACTION.BODY)
                        .where(AS_TRANSACTION.SEQ.in(completedSeqs))
                        .execute();
            }
        });
    }

    /**
     * One multi-row upsert per {@value #ROWS_PER_STATEMENT} rooms, so a flush is one round trip to PostgreSQL instead
     * of one per room. The rooms are map keys, so no statement touches a row twice (which PostgreSQL refuses).
     */
    private static void upsertRooms(DSLContext tx, Map<String, IntakePosition> rooms, long now) {
        List<Map.Entry<String, IntakePosition>> all = List.copyOf(rooms.entrySet());
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            InsertValuesStep4<IntakeRoomProgressRecord, String, Long, Integer, Long> insert = tx.insertInto(
                    INTAKE_ROOM_PROGRESS, INTAKE_ROOM_PROGRESS.ROOM_ID, INTAKE_ROOM_PROGRESS.TXN_SEQ,
                    INTAKE_ROOM_PROGRESS.EVENT_INDEX, INTAKE_ROOM_PROGRESS.UPDATED_AT);
            for (Map.Entry<String, IntakePosition> room : all.subList(from, Math.min(all.size(),
                    from + ROWS_PER_STATEMENT))) {
                insert = insert.values(room.getKey(), room.getValue().txnSeq(), room.getValue().index(), now);
            }
            insert.onConflict(INTAKE_ROOM_PROGRESS.ROOM_ID).doUpdate()
                    .set(INTAKE_ROOM_PROGRESS.TXN_SEQ, DSL.excluded(INTAKE_ROOM_PROGRESS.TXN_SEQ))
                    .set(INTAKE_ROOM_PROGRESS.EVENT_INDEX, DSL.excluded(INTAKE_ROOM_PROGRESS.EVENT_INDEX))
                    .set(INTAKE_ROOM_PROGRESS.UPDATED_AT, DSL.excluded(INTAKE_ROOM_PROGRESS.UPDATED_AT))
                    .execute();
        }
    }

    /** Deletes completed transactions older than {@code cutoff} (epoch millis); returns how many. */
    public int deleteCompletedBefore(long cutoff) {
        return dsl().deleteFrom(AS_TRANSACTION)
                .where(AS_TRANSACTION.COMPLETED_AT.isNotNull().and(AS_TRANSACTION.COMPLETED_AT.lt(cutoff)))
                .execute();
    }

    private static StoredTransaction toStored(Record r) {
        return new StoredTransaction(r.get(AS_TRANSACTION.SEQ), r.get(AS_TRANSACTION.TXN_ID),
                Optional.ofNullable(r.get(AS_TRANSACTION.BODY)), r.get(AS_TRANSACTION.COMPLETED_AT) != null);
    }
}
