package dev.passerelle.telegram.tdjson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the {@code libtdjson} to load is: the file the config names ({@code tdjson_path}), or the copy the build
 * packed into the jar (from npm {@code @prebuilt-tdlib/linux-x64-glibc}, see the module's README), extracted once
 * into the connector's data directory and checked against the SHA-256 the build recorded.
 */
public final class TdjsonLibrary {

    private static final String RESOURCE_DIR = "/dev/passerelle/telegram/native/linux-x64/";

    private TdjsonLibrary() {
    }

    /** What the build packed: npm package, version, SHA-256 of the library; empty when the jar carries none. */
    public record Bundled(String npmPackage, String version, String sha256) {
    }

    public static Optional<Bundled> bundled() {
        try (InputStream in = TdjsonLibrary.class.getResourceAsStream(RESOURCE_DIR + "libtdjson.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.of(new Bundled(p.getProperty("package"), p.getProperty("version"), p.getProperty("sha256")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The library to load.
     *
     * @param configured the config's {@code tdjson_path}, if set: used as it is
     * @param dataDirectory the connector's data directory, where the bundled library is extracted
     * @throws IOException when the configured file is missing, or the bundled one cannot be extracted or is corrupt
     */
    public static Path locate(Optional<Path> configured, Path dataDirectory) throws IOException {
        if (configured.isPresent()) {
            Path path = configured.get();
            if (!Files.isRegularFile(path)) {
                throw new IOException("networks.telegram.tdjson_path is " + path + ", which is not a file. Point it"
                        + " at a libtdjson.so (TDLib or TDLight), or remove the key to use the bundled TDLib.");
            }
            return path;
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("The bundled TDLib is for Linux x86-64 only, and this is " + os + " " + arch
                    + ". Build or install libtdjson for this system and set networks.telegram.tdjson_path to it.");
        }
        Bundled bundled = bundled().orElseThrow(() -> new IOException("This build of Passerelle carries no TDLib"
                + " (libtdjson). Rebuild with Node.js and npm installed, or set networks.telegram.tdjson_path."));
        Path target = dataDirectory.resolve("tdjson").resolve(bundled.version()).resolve("libtdjson.so");
        if (Files.isRegularFile(target) && sha256(target).equals(bundled.sha256())) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "libtdjson", ".part");
        try (InputStream in = TdjsonLibrary.class.getResourceAsStream(RESOURCE_DIR + "libtdjson.so")) {
            if (in == null) {
                throw new IOException("The jar lists a bundled libtdjson but does not carry the file; rebuild it.");
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            String actual = sha256(partial);
            if (!actual.equals(bundled.sha256())) {
                throw new IOException("The bundled libtdjson is corrupt (SHA-256 " + actual + ", expected "
                        + bundled.sha256() + "); rebuild Passerelle.");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
