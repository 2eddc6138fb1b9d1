package dev.passerelle.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.passerelle.core.spi.ConnectorContext;
import dev.passerelle.core.spi.ConnectorStore;
import dev.passerelle.core.spi.MemoryConnectorStore;
import dev.passerelle.core.spi.StoredLogin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;

/** The real connector with a {@link ScriptedSidecar} in place of Node. */
final class ScriptedBed implements AutoCloseable {

    static final String ALICE = "33600000001";
    static final String BOB = "33600000002";
    static final String BOB_LID = "987654321012345";
    static final String GROUP = "120363000000000001@g.us";

    final ScriptedSidecar sidecar = new ScriptedSidecar();
    final ConnectorStore store;
    final WhatsAppConnector connector = new WhatsAppConnector(config -> sidecar);

    ScriptedBed(String config) throws Exception {
        this(config, new MemoryConnectorStore());
    }

    ScriptedBed(String config, ConnectorStore store) throws Exception {
        this.store = store;
        connector.start(new ConnectorContext(new ObjectMapper().readTree(config), Path.of("target"), new byte[32],
                new SimpleMeterRegistry(), store));
    }

    static ScriptedBed started() throws Exception {
        return new ScriptedBed("{\"heartbeat_seconds\": 1}");
    }

    /** Alice's client, connected (the scripted sidecar connects sessions at once). */
    Connected alice() {
        RecordingSink sink = new RecordingSink();
        var client = (WhatsAppClient) connector.loadClient(new StoredLogin(ALICE, "@alice:example.org",
                "+" + ALICE, new byte[0]), sink);
        client.connect();
        dev.passerelle.testbed.BridgeBed.until("alice connected",
                () -> client.state() == dev.passerelle.core.spi.LoginState.CONNECTED, () -> "state " + client.state());
        return new Connected(client, sink);
    }

    record Connected(WhatsAppClient client, RecordingSink sink) {
    }

    @Override
    public void close() {
        connector.stop();
    }
}
