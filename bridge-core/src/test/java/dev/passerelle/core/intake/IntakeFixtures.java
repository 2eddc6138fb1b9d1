package dev.passerelle.core.intake;

import dev.passerelle.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/** Transaction bodies and direct looks into the intake tables, for intake tests. */
final class IntakeFixtures {

    private IntakeFixtures() {
    }

    static String message(String room, String eventId) {
        return """
                {"type":"m.room.message","room_id":"%s","event_id":"%s","sender":"@alice:example.org",
                 "origin_server_ts":1700000000000,"content":{"msgtype":"m.text","body":"hello %s"}}"""
                .formatted(room, eventId, eventId);
    }

    static String eventOfType(String room, String eventId, String type) {
        return """
                {"type":"%s","room_id":"%s","event_id":"%s","sender":"@alice:example.org",
                 "origin_server_ts":1700000000000,"content":{}}""".formatted(type, room, eventId);
    }

    static String txn(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    static String txn(List<String> events) {
        return txn(events.toArray(String[]::new));
    }

    static long count(TestDatabase db, String sql) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long storedTransactions(TestDatabase db) {
        return count(db, "SELECT COUNT(*) FROM as_transaction");
    }

    static List<String> ids(List<InboundEvent> events) {
        return events.stream().map(InboundEvent::eventId).collect(Collectors.toList());
    }
}
