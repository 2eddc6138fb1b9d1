package dev.passerelle.bench;

/** Realistic transaction bodies: text messages as Synapse pushes them, about 450 bytes an event. */
final class TransactionBodies {

    private TransactionBodies() {
    }

    static String messages(String runId, long txn, int events, int rooms) {
        StringBuilder b = new StringBuilder(events * 480).append("{\"events\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            long n = txn * events + i;
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"type\":\"m.room.message\",\"room_id\":\"!room").append(n % rooms).append(":bench.test\",")
                    .append("\"sender\":\"@user").append(n % 97).append(":bench.test\",")
                    .append("\"event_id\":\"$").append(runId).append('-').append(n).append("\",")
                    .append("\"origin_server_ts\":").append(now).append(',')
                    .append("\"unsigned\":{\"age\":12},")
                    .append("\"content\":{\"msgtype\":\"m.text\",\"body\":\"Message ").append(n)
                    .append(" of the load test, long enough to look like a real chat line.\",")
                    .append("\"format\":\"org.matrix.custom.html\",\"formatted_body\":\"<b>Message</b> ").append(n)
                    .append("\"}}");
        }
        return b.append("]}").toString();
    }
}
