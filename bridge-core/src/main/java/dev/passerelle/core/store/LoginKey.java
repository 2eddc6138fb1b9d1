package dev.passerelle.core.store;

/**
 * Identifies a remote account logged in to the bridge.
 *
 * @param network the connector id, e.g. {@code whatsapp}
 * @param loginId the remote account's own id (a Telegram user id, a WhatsApp JID, a Messenger page id)
 */
public record LoginKey(String network, String loginId) {

    public LoginKey {
        IdChecks.requireId(network, "network");
        IdChecks.requireId(loginId, "loginId");
    }

    /** {@code network/loginId}, for log lines and messages; holds no secret. */
    @Override
    public String toString() {
        return network + "/" + loginId;
    }
}
