package dev.passerelle.telegram.td;

import dev.passerelle.telegram.td.api.TdError;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TDLib answered a request with an {@code error}: {@code code} is HTTP-like, {@code message} TDLib's own. */
public final class TdException extends Exception {

    private static final Pattern FLOOD_WAIT = Pattern.compile("FLOOD_WAIT_(\\d+)|retry after (\\d+)");

    private final int code;
    private final String tdMessage;

    public TdException(TdError error) {
        super(error.code() + " " + error.message());
        this.code = error.code();
        this.tdMessage = error.message();
    }

    public int code() {
        return code;
    }

    public String tdMessage() {
        return tdMessage;
    }

    /** Whether TDLib names this error ({@code PHONE_CODE_INVALID}, ...). */
    public boolean is(String name) {
        return tdMessage.contains(name);
    }

    /** How long Telegram asks to wait before trying again ({@code FLOOD_WAIT_x}, "Too Many Requests: retry after x"). */
    public OptionalLong floodWaitSeconds() {
        Matcher m = FLOOD_WAIT.matcher(tdMessage);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2)));
    }
}
