package dev.passerelle.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.passerelle.core.spi.LoginState;
import dev.passerelle.core.spi.NetworkClient;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.core.spi.NewLogin;
import dev.passerelle.core.spi.OutgoingMessage;
import dev.passerelle.core.spi.PortalRef;
import dev.passerelle.core.spi.RemoteEvent;
import dev.passerelle.core.spi.StoredLogin;
import dev.passerelle.core.format.FormattedText;
import dev.passerelle.core.spi.MessageContent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test's side: scripted events reach the client's sink in order; sessions are revoked and connections lost. */
class TestLoginTest {

    private final TestNetworkConnector connector = new TestNetworkConnector();
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void setUp() {
        TestNetwork.reset();
        TestNetwork.addAccount(TestAccount.of("alice", "Alice", "+33600000001"));
        TestNetwork.addAccount(TestAccount.of("bob", "Bob", "+33600000002"));
        TestNetwork.addGroup("team", "The team", "alice", "bob");
    }

    @Test
    void connectingReportsConnectedAndScriptedEventsArriveInOrder() throws Exception {
        LoginDriver.connected(connector, "+33600000001", sink);
        assertEquals(List.of(LoginState.CONNECTED), sink.states());

        TestLogin alice = TestNetwork.login("alice");
        RemoteEvent.Message hello = alice.message("bob", "bob", "hello");
        RemoteEvent.Edit edit = alice.edit("bob", "bob", hello.messageId(), "hello!");
        RemoteEvent.Reaction react = alice.react("bob", "bob", hello.messageId(), "❤️");
        RemoteEvent.ReactionRemoved unreact = alice.unreact("bob", "bob", hello.messageId(), "❤️");
        RemoteEvent.ReadReceipt read = alice.read("bob", "bob", hello.messageId());
        RemoteEvent.Typing typing = alice.typing("bob", "bob", true);
        RemoteEvent.MessageDeleted deleted = alice.delete("bob", "bob", hello.messageId());
        RemoteEvent.ChatInfoChanged renamed = alice.renameChat("team", "Renamed");

        assertEquals(List.of(hello, edit, react, unreact, read, typing, deleted, renamed), sink.portalEvents());
        assertEquals(PortalRef.ofLogin("bob", "alice"), hello.portal());
        assertFalse(hello.sender().fromMe());
        assertEquals(Optional.of("Renamed"), renamed.info().name());
        assertTrue(TestNetwork.history("alice", "bob").isEmpty(), "the deleted message left the history");
    }

    @Test
    void aMessageFromTheAccountItselfIsMarkedFromMe() throws Exception {
        LoginDriver.connected(connector, "+33600000001", sink);
        assertTrue(TestNetwork.login("alice").message("team", "alice", "from my phone").sender().fromMe());
    }

    @Test
    void emittingToAClientThatIsNotConnectedIsATestMistake() throws Exception {
        NetworkClient client = LoginDriver.connected(connector, "+33600000001", sink);
        client.disconnect();
        assertThrows(IllegalStateException.class, () -> TestNetwork.login("alice").message("team", "bob", "x"));
        assertThrows(IllegalStateException.class, () -> TestNetwork.login("bob").message("team", "alice", "x"),
                "bob never logged in");
    }

    @Test
    void aRevokedSessionReportsBadCredentialsAndStaysOut() throws Exception {
        NewLogin login = LoginDriver.byCode(connector, "+33600000001");
        StoredLogin stored = new StoredLogin(login.loginId(), "@alice:example.org", login.remoteName(), login.secret());
        NetworkClient client = connector.loadClient(stored, sink);
        client.connect();

        TestNetwork.login("alice").revokeSession();
        assertEquals(List.of(LoginState.CONNECTED, LoginState.BAD_CREDENTIALS), sink.states());
        assertFalse(client.isLoggedIn());
        NetworkException e = assertThrows(NetworkException.class, () -> client.sendMessage(new OutgoingMessage(
                "team", "$e", new MessageContent.Text(FormattedText.plain("x"), MessageContent.TextKind.NORMAL),
                Optional.empty(), Optional.empty())));
        assertFalse(e.isTransient());

        // After a restart the bridge loads the stored login again: the revoked token is refused at connect.
        RecordingSink afterRestart = new RecordingSink();
        NetworkClient reloaded = connector.loadClient(stored, afterRestart);
        assertFalse(reloaded.isLoggedIn());
        reloaded.connect();
        assertEquals(List.of(LoginState.BAD_CREDENTIALS), afterRestart.states());
    }

    @Test
    void anOutageDisconnectsThenReconnectsAndTransientFailuresInBetween() throws Exception {
        NetworkClient client = LoginDriver.connected(connector, "+33600000001", sink);
        TestNetwork.login("alice").disconnectFor(Duration.ofMillis(200));
        assertEquals(List.of(LoginState.CONNECTED, LoginState.TRANSIENT_DISCONNECT), sink.states());
        assertFalse(TestNetwork.login("alice").isConnected());
        NetworkException e = assertThrows(NetworkException.class, () -> client.chatInfo("team"));
        assertTrue(e.isTransient(), "the engine should retry");

        sink.awaitCount(3, Duration.ofSeconds(5));
        assertEquals(List.of(LoginState.CONNECTED, LoginState.TRANSIENT_DISCONNECT, LoginState.CONNECTED),
                sink.states());
        assertTrue(TestNetwork.login("alice").isConnected());
    }

    @Test
    void anEchoSkipsADisconnectedLoginButCatchUpFindsIt() throws Exception {
        NetworkClient alice = LoginDriver.connected(connector, "+33600000001", sink);
        RecordingSink bobSink = new RecordingSink();
        NetworkClient bob = LoginDriver.connected(connector, "+33600000002", bobSink);
        bob.disconnect();
        var sent = alice.sendMessage(new OutgoingMessage("team", "$e", new MessageContent.Text(
                FormattedText.plain("while you were away"), MessageContent.TextKind.NORMAL), Optional.empty(),
                Optional.empty()));
        assertTrue(bobSink.portalEvents().isEmpty());
        bob.connect();
        var missed = ((NetworkClient.HistoryFetching) bob).fetchMessages("team", Optional.empty(), 50);
        assertEquals(sent.messageId(), assertInstanceOf(RemoteEvent.Message.class, missed.getLast()).messageId());
    }
}
