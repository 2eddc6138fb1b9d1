package dev.passerelle.core.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.passerelle.core.command.ManagementRooms;
import dev.passerelle.core.matrix.MatrixClient;
import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.RemoteEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a user in their management room when one of their logins changes state in a way they must know about:
 * it stopped working (bad credentials, logged out, an error) or works again. Called once per change, so a client
 * that reconnects every few seconds does not flood the room.
 */
final class LoginNotices {

    private static final Logger LOG = LoggerFactory.getLogger(LoginNotices.class);
    private final MatrixClient matrix;
    private final ManagementRooms rooms;
    private final ObjectMapper mapper = new ObjectMapper();

    LoginNotices(MatrixClient matrix, ManagementRooms rooms) {
        this.matrix = matrix;
        this.rooms = rooms;
    }

    /** @param previouslyFailing whether the login was in a failed state before this change */
    void changed(ActiveLogin login, RemoteEvent.LoginStateChanged change, boolean previouslyFailing) {
        Optional<String> text = switch (change.state()) {
            case CONNECTED -> previouslyFailing ? Optional.of("is connected again.") : Optional.empty();
            case CONNECTING, TRANSIENT_DISCONNECT -> Optional.empty();
            case BAD_CREDENTIALS -> Optional.of("was signed out by " + login.network().description().displayName()
                    + ": " + change.message()
                    // Connectors often say it themselves; twice reads like a stutter.
                    + (change.message().contains("`login`") ? "" : " Use `login` to sign in again."));
            case LOGGED_OUT -> Optional.of("was logged out: " + change.message());
            case UNKNOWN_ERROR -> Optional.of("has a problem: " + change.message());
        };
        if (text.isEmpty()) {
            return;
        }
        tell(login, "Your " + login.network().description().displayName() + " login " + login.key().loginId() + " "
                + text.get(), "login-state-" + login.key() + "-" + change.state() + "-"
                + change.timestamp().toEpochMilli());
    }

    /** Passes on what the connector says the login's owner should know. */
    void userNotice(ActiveLogin login, RemoteEvent.UserNotice notice) {
        tell(login, login.network().description().displayName() + " (" + login.key().loginId() + "): "
                + notice.message(), "user-notice-" + login.key() + "-" + notice.timestamp().toEpochMilli() + "-"
                + Integer.toHexString(notice.message().hashCode()));
    }

    private void tell(ActiveLogin login, String text, String txnId) {
        Optional<String> room = rooms.roomOf(login.userId(), login.network().id());
        if (room.isEmpty()) {
            LOG.info("No management room to tell {} in: {}", login.userId(), text);
            return;
        }
        ObjectNode content = mapper.createObjectNode().put("msgtype", "m.notice").put("body", text);
        try {
            matrix.intent(login.network().botUserId()).sendMessage(room.get(), "m.room.message", content, txnId,
                    Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("Could not tell {} about login {}: {}", login.userId(), login.key(), e.toString());
        }
    }

    static boolean isFailure(LoginState state) {
        return state == LoginState.BAD_CREDENTIALS || state == LoginState.LOGGED_OUT
                || state == LoginState.UNKNOWN_ERROR;
    }
}
