package dev.passerelle.whatsapp;

import java.util.Optional;

/**
 * WhatsApp JIDs and the bridge's remote ids. A person's remote id (their ghost and DM chat id) is the digits of
 * their phone number ({@code 33612345678}) or, when WhatsApp hides it, {@code lid-} and their LID digits; which one
 * a person gets is decided once by {@link IdentityMap}. Groups keep their JID ({@code 1203...@g.us}) as chat id.
 * Pure.
 */
public final class WhatsAppIds {

    public static final String PN_SERVER = "s.whatsapp.net";
    public static final String LID_SERVER = "lid";
    public static final String GROUP_SERVER = "g.us";
    private static final String LID_PREFIX = "lid-";

    private WhatsAppIds() {
    }

    public static boolean isGroup(String jid) {
        return jid.endsWith("@" + GROUP_SERVER);
    }

    public static boolean isLid(String jid) {
        return jid.endsWith("@" + LID_SERVER);
    }

    public static boolean isPhone(String jid) {
        return jid.endsWith("@" + PN_SERVER);
    }

    /** The user part of a JID, without the device ({@code 336:12@s.whatsapp.net} → {@code 336}). */
    public static String user(String jid) {
        int at = jid.indexOf('@');
        String user = at < 0 ? jid : jid.substring(0, at);
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
    }

    /** A JID without its device part. */
    public static String normalize(String jid) {
        int at = jid.indexOf('@');
        return at < 0 ? jid : user(jid) + jid.substring(at);
    }

    /** The remote id a user JID would have on its own (phone digits, or {@code lid-<digits>}). */
    public static String remoteIdOf(String userJid) {
        return isLid(userJid) ? LID_PREFIX + user(userJid) : user(userJid);
    }

    /** The JID to address a person by their remote id. */
    public static String jidOf(String remoteId) {
        if (remoteId.startsWith(LID_PREFIX)) {
            return remoteId.substring(LID_PREFIX.length()) + "@" + LID_SERVER;
        }
        return remoteId + "@" + PN_SERVER;
    }

    /** The JID of a chat id: a group's own JID, or a person's. */
    public static String chatJid(String chatId) {
        return chatId.contains("@") ? chatId : jidOf(chatId);
    }

    /** {@code +33612345678} for a phone-number remote id, empty for a LID one. */
    public static Optional<String> phoneOf(String remoteId) {
        return remoteId.startsWith(LID_PREFIX) ? Optional.empty() : Optional.of("+" + remoteId);
    }

    /** The digits of a phone number typed by a person ({@code +33 6 12-34-56-78}); empty when it is not one. */
    public static Optional<String> phoneDigits(String typed) {
        String digits = typed.replaceAll("[\\s().-]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        return digits.matches("[1-9][0-9]{6,14}") ? Optional.of(digits) : Optional.empty();
    }
}
