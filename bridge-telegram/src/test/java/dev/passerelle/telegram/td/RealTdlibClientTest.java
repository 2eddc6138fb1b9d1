package dev.passerelle.telegram.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.passerelle.telegram.td.api.AuthRequest;
import dev.passerelle.telegram.td.api.AuthorizationState;
import dev.passerelle.telegram.td.api.OptionValue;
import dev.passerelle.telegram.td.api.TdCodec;
import dev.passerelle.telegram.tdjson.ShippedTdjson;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real TDLib client, offline: it starts, asks for a phone number, and closes, through the connector's receive loop. */
class RealTdlibClientTest {

    @Test
    void aClientStartsAsksForAPhoneNumberAndCloses(@TempDir Path dir) throws Exception {
        BlockingQueue<AuthorizationState> states = new LinkedBlockingQueue<>();
        TdClient client = ShippedTdjson.loop().newClient("offline-test", update -> {
            if ("updateAuthorizationState".equals(update.path("@type").asText())) {
                states.add(TdCodec.read(update.path("authorization_state"), AuthorizationState.class));
            }
        });
        // any request starts the client; getOption also shows that answers come back by @extra
        assertEquals(new OptionValue.Text("1.8.65"), client.call(new AuthRequest.GetOption("version")));
        assertInstanceOf(AuthorizationState.WaitTdlibParameters.class, next(states));

        client.call(new AuthRequest.SetTdlibParameters(false, dir.resolve("db").toString(),
                dir.resolve("files").toString(), new byte[32], true, true, true, false, 94575,
                "a3406de8d171bb422bb6ddf3bbd800e2", "en", "Passerelle test", "Linux", "0.1"));
        assertInstanceOf(AuthorizationState.WaitPhoneNumber.class, next(states));
        assertInstanceOf(AuthorizationState.WaitPhoneNumber.class, client.call(new AuthRequest.GetAuthorizationState()));

        client.call(new AuthRequest.Close());
        assertInstanceOf(AuthorizationState.Closing.class, next(states));
        assertInstanceOf(AuthorizationState.Closed.class, next(states));
    }

    @Test
    void anErrorAnswerBecomesATdException() throws Exception {
        TdClient client = ShippedTdjson.loop().newClient("error-test", update -> { });
        TdException e = org.junit.jupiter.api.Assertions.assertThrows(TdException.class,
                () -> client.call(new AuthRequest.CheckAuthenticationCode("12345")));
        assertEquals(400, e.code());
        client.call(new AuthRequest.Close());
    }

    private static AuthorizationState next(BlockingQueue<AuthorizationState> states) throws InterruptedException {
        AuthorizationState s = states.poll(30, TimeUnit.SECONDS);
        assertNotNull(s, "no authorization state from TDLib within 30 s");
        return s;
    }
}
