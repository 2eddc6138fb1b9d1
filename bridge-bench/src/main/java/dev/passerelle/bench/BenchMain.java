package dev.passerelle.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark jar; each subcommand is one measurement. See BENCHMARKS.md. */
@Command(name = "passerelle-bench", mixinStandardHelpOptions = true,
        subcommands = {IntakeBenchmark.class, CommitRateBenchmark.class, NetworkToMatrixBenchmark.class,
                PortalMemoryBenchmark.class, TelegramIdleRssBenchmark.class},
        description = "Load drivers for Passerelle, run on demand on a quiet machine.")
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
