package dev.passerelle.messenger;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.messenger.graph.GraphException;
import java.io.IOException;

/**
 * Graph API failures → what the Matrix user is told. Rate limits and Meta's passing errors are transient (the engine
 * tries again with backoff); the rest are permanent and shown as send failures with Meta's own words.
 */
final class SendErrors {

    /** Where a Page admin gets a new Page access token. */
    static final String NEW_TOKEN_HELP = "Get a new Page access token at developers.facebook.com → your app → "
            + "Messenger → Settings → Access tokens (Generate), then send \"login page\" to the Messenger bot again.";

    private SendErrors() {
    }

    static NetworkException of(String what, GraphException e) {
        if (e.isInvalidToken()) {
            return new NetworkException(what + " failed: Messenger no longer accepts the Page's access token (it "
                    + "expired or was revoked). " + NEW_TOKEN_HELP, false, e);
        }
        if (e.isRateLimit()) {
            return new NetworkException(what + " was refused for now: Messenger's rate limit was reached (#" + e.code()
                    + "). Try again in a minute.", true, e);
        }
        if (e.isTransient()) {
            return new NetworkException(what + " failed: Messenger had a passing error (#" + e.code() + ": "
                    + e.getMessage() + ").", true, e);
        }
        return new NetworkException(what + " was refused by Messenger (#" + e.code()
                + (e.subcode() != 0 ? "/" + e.subcode() : "") + "): " + e.getMessage(), false, e);
    }

    static NetworkException of(String what, IOException e) {
        return new NetworkException(what + " failed: Messenger could not be reached (" + e.getMessage() + ").", true,
                e);
    }

    static NetworkException outsideWindow(boolean tagAllowed) {
        return new NetworkException(tagAllowed
                ? "Not delivered: this person last wrote to the Page more than 7 days ago. Messenger lets a Page answer "
                + "with a human agent only within 7 days of their last message; it will work again once they write."
                : "Not delivered: this person last wrote to the Page more than 24 hours ago, and Messenger lets a Page "
                + "answer only within 24 hours of their last message. It will work again once they write to the "
                + "Page. (A bridge admin can allow answers for 7 days with Meta's HUMAN_AGENT tag: set "
                + "networks.messenger.human_agent_tag to true once the app has the Human Agent permission.)",
                false);
    }
}
