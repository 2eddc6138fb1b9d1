package dev.passerelle.core.command;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a user asks for in {@code start-chat} or the provisioning API's {@code resolve_identifier}/{@code create_dm}:
 * a username as typed, or a phone number as people write it ({@code +33 6 99 99 99 99}, {@code (555) 123-4567}),
 * compacted to its digits so every network gets one form.
 */
public final class TypedIdentifier {

    /** A leading {@code +} then digits with the separators people type between them; no letters, no {@code @}. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\u00a0().\\-/]*");
    private static final Pattern SEPARATORS = Pattern.compile("[ \\u00a0().\\-/]");

    private TypedIdentifier() {
    }

    /** The phone number in {@code text} without its separators ({@code +33699999999}), if it is one. */
    public static Optional<String> phoneNumber(String text) {
        String t = text.strip();
        if (t.startsWith("(")) {
            t = t.substring(1); // "(555) 123-4567": the area code's bracket comes first
        }
        if (!PHONE.matcher(t).matches()) {
            return Optional.empty();
        }
        return Optional.of((text.strip().startsWith("+") ? "+" : "") + SEPARATORS.matcher(t.replace("+", ""))
                .replaceAll(""));
    }

    /** {@code text} as networks get it: a phone number compacted, anything else only stripped. */
    public static String normalized(String text) {
        return phoneNumber(text).orElse(text.strip());
    }
}
