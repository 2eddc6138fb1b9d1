package dev.passerelle.app.e2e;

/** Reads values out of the bridge's {@code /metrics} text (Prometheus exposition format). */
final class MetricsText {

    private MetricsText() {
    }

    /**
     * The sum of every sample of {@code name} whose label set contains all of {@code labels} (each written as in
     * the text, e.g. {@code reason="rate_limited"}); 0 when there is none.
     */
    static double sum(String metrics, String name, String... labels) {
        double total = 0;
        for (String line : metrics.lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
