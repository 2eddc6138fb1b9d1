package dev.passerelle.telegram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TDLib database of one login: a directory of its own under the connector's data directory
 * ({@code accounts/<id>}), encrypted with a key derived from the bridge's secret and the id, so that the key is
 * never stored anywhere.
 *
 * @param id            random, chosen when the login starts; kept as the login's secret to find the directory again
 * @param directory     TDLib's {@code database_directory}; files go to {@code files} inside it
 * @param encryptionKey TDLib's {@code database_encryption_key}
 */
public record TdDatabase(String id, Path directory, byte[] encryptionKey) {

    public static TdDatabase create(Path dataDirectory, byte[] secretKey) {
        return of(dataDirectory, secretKey, UUID.randomUUID().toString());
    }

    public static TdDatabase of(Path dataDirectory, byte[] secretKey, String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("Not a TDLib database id: " + id);
        }
        return new TdDatabase(id, dataDirectory.resolve("accounts").resolve(id), derive(secretKey, id));
    }

    public Path filesDirectory() {
        return directory.resolve("files");
    }

    /** Removes the directory and everything in it (after a logout or an abandoned login). */
    public void delete() throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static byte[] derive(byte[] secretKey, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA256"));
            return mac.doFinal(("passerelle telegram database " + id).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "TdDatabase[" + directory + "]"; // never the key
    }
}
