package dev.passerelle.whatsapp.sidecar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code node <sidecar>/src/main.js}. */
public final class NodeLauncher implements SidecarLauncher {

    private final String node;
    private final Path sidecarDir;
    private final String logLevel;

    /**
     * @param node       the node binary (a name looked up on the PATH, or a path)
     * @param sidecarDir the sidecar's directory: {@code package.json}, {@code src/}, {@code node_modules/}
     * @param logLevel   how much of Baileys' logging to keep (trace, debug, info, warn, error)
     */
    public NodeLauncher(String node, Path sidecarDir, String logLevel) {
        this.node = node;
        this.sidecarDir = sidecarDir;
        this.logLevel = logLevel;
    }

    /** Checks that the sidecar is installed where expected; the message says where it looked and what to do. */
    public void check() throws SidecarException {
        Path main = sidecarDir.resolve("src").resolve("main.js");
        if (!Files.isRegularFile(main)) {
            throw new SidecarException(SidecarException.START, "The WhatsApp sidecar is not at " + sidecarDir
                    + " (no src/main.js there). It ships next to passerelle.jar in whatsapp-sidecar/; set "
                    + "networks.whatsapp.sidecar_path to where it is.");
        }
        if (!Files.isDirectory(sidecarDir.resolve("node_modules").resolve("baileys"))) {
            throw new SidecarException(SidecarException.START, "The WhatsApp sidecar at " + sidecarDir
                    + " has no node_modules/baileys: run `npm ci` in that directory (Node.js 20+ and npm needed).");
        }
    }

    @Override
    public Running launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(node, "src/main.js")).directory(sidecarDir.toFile());
        builder.environment().put("PASSERELLE_WA_LOG_LEVEL", logLevel);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("Could not run " + node + " (" + e.getMessage() + "). The WhatsApp connector needs "
                    + "Node.js 20 or newer: install it, or set networks.whatsapp.node_path to the node binary.", e);
        }
        return new Running() {
            @Override
            public OutputStream stdin() {
                return process.getOutputStream();
            }

            @Override
            public InputStream stdout() {
                return process.getInputStream();
            }

            @Override
            public InputStream stderr() {
                return process.getErrorStream();
            }

            @Override
            public boolean isAlive() {
                return process.isAlive();
            }

            @Override
            public void kill() {
                process.destroyForcibly();
            }

            @Override
            public String name() {
                return "node pid " + process.pid();
            }
        };
    }

    @Override
    public String toString() {
        return node + " " + sidecarDir.resolve("src/main.js");
    }
}
