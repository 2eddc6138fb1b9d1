package dev.passerelle.telegram.tdjson;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TdJson} on a real {@code libtdjson}, called with Java's FFM API. Every string TDLib returns is copied at
 * once: {@code td_receive}'s result lives only until the next {@code td_receive}, {@code td_execute}'s until the
 * thread's next {@code td_execute}. TDLib's own log goes to SLF4J (logger {@code dev.passerelle.telegram.tdlib}).
 */
public final class NativeTdJson implements TdJson {

    private static final Logger TDLIB_LOG = LoggerFactory.getLogger("dev.passerelle.telegram.tdlib");
    private static final Linker LINKER = Linker.nativeLinker();

    private final MethodHandle createClientId;
    private final MethodHandle send;
    private final MethodHandle receive;
    private final MethodHandle execute;

    private NativeTdJson(SymbolLookup lib) {
        createClientId = bind(lib, "td_create_client_id", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        send = bind(lib, "td_send", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        receive = bind(lib, "td_receive", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_DOUBLE));
        execute = bind(lib, "td_execute", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    /**
     * Loads the library and routes its log: messages up to {@code logVerbosity} (0 fatal, 1 error, 2 warning,
     * 3 info, 4 debug, 5 verbose) reach SLF4J; nothing goes to stderr.
     *
     * @throws IllegalArgumentException when the file is not a loadable libtdjson (the message says which file)
     */
    public static NativeTdJson load(Path library, int logVerbosity) {
        SymbolLookup lookup;
        try {
            // The global arena: a loaded TDLib is never unloaded (its threads keep running).
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot load libtdjson from " + library + ": " + e.getMessage(), e);
        }
        NativeTdJson td = new NativeTdJson(lookup);
        td.execute("{\"@type\":\"setLogStream\",\"log_stream\":{\"@type\":\"logStreamEmpty\"}}");
        td.execute("{\"@type\":\"setLogVerbosityLevel\",\"new_verbosity_level\":" + logVerbosity + "}");
        td.routeLog(lookup, logVerbosity);
        return td;
    }

    @Override
    public int createClientId() {
        try {
            return (int) createClientId.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("td_create_client_id failed", e);
        }
    }

    @Override
    public void send(int clientId, String request) {
        // td_send parses the request before returning, so the memory may go right after.
        try (Arena arena = Arena.ofConfined()) {
            send.invokeExact(clientId, arena.allocateFrom(request));
        } catch (Throwable e) {
            throw new IllegalStateException("td_send failed", e);
        }
    }

    @Override
    public Optional<String> receive(double timeoutSeconds) {
        try {
            MemorySegment result = (MemorySegment) receive.invokeExact(timeoutSeconds);
            return result.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(copy(result));
        } catch (Throwable e) {
            throw new IllegalStateException("td_receive failed", e);
        }
    }

    @Override
    public String execute(String request) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment result = (MemorySegment) execute.invokeExact(arena.allocateFrom(request));
            if (result.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("td_execute refused the request (not valid JSON?)");
            }
            return copy(result);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("td_execute failed", e);
        }
    }

    private static String copy(MemorySegment cString) {
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private void routeLog(SymbolLookup lookup, int logVerbosity) {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(NativeTdJson.class, "logMessage",
                    MethodType.methodType(void.class, int.class, MemorySegment.class));
            MemorySegment callback = LINKER.upcallStub(target,
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), Arena.global());
            MethodHandle setCallback = bind(lookup, "td_set_log_message_callback",
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            setCallback.invokeExact(logVerbosity, callback);
        } catch (Throwable e) {
            throw new IllegalStateException("td_set_log_message_callback failed", e);
        }
    }

    /** Called by TDLib on its own threads; must not call TDLib and must not throw. */
    private static void logMessage(int verbosity, MemorySegment message) {
        try {
            String text = copy(message).strip();
            switch (verbosity) {
                case 0, 1 -> TDLIB_LOG.error("{}", text);
                case 2 -> TDLIB_LOG.warn("{}", text);
                case 3 -> TDLIB_LOG.info("{}", text);
                default -> TDLIB_LOG.debug("{}", text);
            }
        } catch (Throwable ignored) {
            // an exception cannot cross into native code; losing one log line is the lesser harm
        }
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalArgumentException(
                "The library has no " + name + ": is it a libtdjson (TDLib's JSON interface)?"));
        return LINKER.downcallHandle(symbol, descriptor);
    }
}
