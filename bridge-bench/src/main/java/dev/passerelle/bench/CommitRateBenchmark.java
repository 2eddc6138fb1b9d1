package dev.passerelle.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code commit-rate}: the database's own durable single-row commit rate, the ceiling for a commit per request. */
@Command(name = "commit-rate", mixinStandardHelpOptions = true,
        description = "Single-row INSERT+COMMIT per second through plain JDBC (the physical reference).")
final class CommitRateBenchmark implements Callable<Integer> {

    @Option(names = "--db", defaultValue = "POSTGRES", description = "SQLITE or POSTGRES (default ${DEFAULT-VALUE})")
    BenchDatabase db;

    @Option(names = "--seconds", defaultValue = "10", description = "how long to measure (default ${DEFAULT-VALUE})")
    int seconds;

    @Override
    public Integer call() throws Exception {
        double rate = CommitRateProbe.commitsPerSecond(db.freshJdbcUrl(), Duration.ofSeconds(seconds));
        System.out.printf("commit-rate db=%s seconds=%d commits/s=%.0f%n", db.name().toLowerCase(), seconds, rate);
        return 0;
    }
}
