package dev.passerelle.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * SQL for the few statements run for every bridged message, written once from the generated table classes instead
 * of rendered by jOOQ on each call: the network → Matrix profile showed jOOQ's rendering and execution machinery
 * costing several times the database's own work for these single-row statements (see BENCHMARKS.md). The column
 * lists come from the generated classes, so the statements follow the migrations like every other query.
 */
final class HotStatements {

    private HotStatements() {
    }

    /** {@code SELECT <every column> FROM <table> WHERE <keys> = ? AND ...}. */
    static String selectWhere(Table<?> table, List<Field<?>> keys) {
        return "SELECT " + names(Arrays.asList(table.fields())) + " FROM " + table.getName() + " WHERE "
                + keys.stream().map(k -> k.getName() + " = ?").collect(Collectors.joining(" AND "));
    }

    /** The one row matching {@code keyValues}, mapped to the table's record; empty when none. */
    static <R extends TableRecord<R>> Optional<R> fetchOne(DSLContext dsl, Table<R> table, String sql,
                                                           Object... keyValues) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, 1, keyValues);
                try (ResultSet rs = ps.executeQuery()) {
                    return dsl.fetchOptional(rs, table.fields()).map(r -> r.into(table));
                }
            }
        });
    }

    /** Runs an update with these values bound in order; returns the rows changed. */
    static int update(DSLContext dsl, String sql, Object... values) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, 1, values);
                return ps.executeUpdate();
            }
        });
    }

    static String names(List<Field<?>> fields) {
        return fields.stream().map(Field::getName).collect(Collectors.joining(", "));
    }

    /** The record's value of each field, in order (nulls included). */
    static Object[] values(Record record, List<Field<?>> fields) {
        return fields.stream().map(record::get).toArray();
    }

    static void bind(PreparedStatement ps, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(first + i, values[i]);
        }
    }

}
