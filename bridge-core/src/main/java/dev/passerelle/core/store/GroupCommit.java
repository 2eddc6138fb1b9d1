package dev.passerelle.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Single-row writes of many callers committed together: the caller that finds no commit under way takes every write
 * queued so far and commits them in one transaction, while the others wait for it and the next ones queue behind it.
 * Each caller returns once its own row is durable, so it can read it back at once, as with a plain commit.
 *
 * <p>Why: every message bridged from the network is one row in {@code message}. SQLite's single writer with
 * {@code synchronous=FULL} manages about 2,000 commits a second on this kind of disk, which capped the bridge at that
 * many messages a second whatever the CPU; one commit for the rows of many portals lifts that ceiling, and costs
 * PostgreSQL less too. Nothing waits for a batch to fill: a write alone is committed at once.
 *
 * <p>When a batch fails (one bad row aborts the whole transaction on PostgreSQL), each of its writes is tried alone,
 * so that every caller gets its own result or its own error.
 */
final class GroupCommit {

    private final DSLContext dsl;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private List<Write> queued = new ArrayList<>();
    private boolean committing;

    GroupCommit(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Runs the statement with these values, committed (possibly with others); returns the rows it changed. */
    int update(String sql, Object... values) {
        Write mine = new Write(sql, values);
        lock.lock();
        try {
            queued.add(mine);
            while (!mine.done) {
                if (committing) {
                    committed.awaitUninterruptibly();
                    continue;
                }
                committing = true;
                List<Write> batch = queued;
                queued = new ArrayList<>();
                lock.unlock();
                try {
                    commit(batch);
                } finally {
                    lock.lock();
                    committing = false;
                    committed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.changed;
    }

    private void commit(List<Write> batch) {
        if (batch.size() > 1) {
            try {
                int[] changed = dsl.transactionResult(cfg -> DSL.using(cfg).connectionResult(c -> runAll(c, batch)));
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).finish(changed[i], null);
                }
                return;
            } catch (RuntimeException e) {
                // Tried alone below: a transient failure fails them each with its own error, a bad row only itself.
            }
        }
        for (Write write : batch) {
            try {
                write.finish(HotStatements.update(dsl, write.sql, write.values), null);
            } catch (RuntimeException e) {
                write.finish(0, e);
            }
        }
    }

    private static int[] runAll(Connection c, List<Write> batch) throws SQLException {
        Map<String, PreparedStatement> statements = new HashMap<>();
        try {
            int[] changed = new int[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Write write = batch.get(i);
                PreparedStatement ps = statements.get(write.sql);
                if (ps == null) {
                    ps = c.prepareStatement(write.sql);
                    statements.put(write.sql, ps);
                }
                HotStatements.bind(ps, 1, write.values);
                changed[i] = ps.executeUpdate();
            }
            return changed;
        } finally {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
        }
    }

    /** One caller's write; its fields are set by the committing thread and read after the lock hand-over. */
    private static final class Write {
        final String sql;
        final Object[] values;
        boolean done;
        int changed;
        RuntimeException failure;

        Write(String sql, Object[] values) {
            this.sql = sql;
            this.values = values;
        }

        void finish(int rowsChanged, RuntimeException error) {
            changed = rowsChanged;
            failure = error;
            done = true;
        }
    }
}
