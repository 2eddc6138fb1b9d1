package dev.passerelle.telegram.tdjson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The libtdjson the build packed, extracted once per test JVM and loaded once (a library cannot be unloaded). */
public final class ShippedTdjson {

    private static NativeTdJson td;
    private static dev.passerelle.telegram.td.TdReceiveLoop loop;

    private ShippedTdjson() {
    }

    public static synchronized NativeTdJson get() {
        if (td == null) {
            try {
                td = NativeTdJson.load(TdjsonLibrary.locate(Optional.empty(), Path.of("target", "tdjson-test")), 2);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return td;
    }

    /** The one receive loop over the shipped library (TDLib allows one {@code td_receive} caller). */
    public static synchronized dev.passerelle.telegram.td.TdReceiveLoop loop() {
        if (loop == null) {
            loop = new dev.passerelle.telegram.td.TdReceiveLoop(get());
        }
        return loop;
    }
}
