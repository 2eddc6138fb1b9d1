/**
 * The connector contract: what a network connector (Telegram, WhatsApp, Messenger, the test network) implements
 * and what it receives. Nothing network-specific lives outside connectors, and connectors see nothing of the
 * engine but these types.
 *
 * <p>Start with {@link dev.passerelle.core.spi.NetworkConnector} (one per network, found with
 * {@link java.util.ServiceLoader}), then {@link dev.passerelle.core.spi.LoginProcess} (how an account is added) and
 * {@link dev.passerelle.core.spi.NetworkClient} (one per logged-in account). What arrives from the network is a
 * {@link dev.passerelle.core.spi.RemoteEvent}, handed to the {@link dev.passerelle.core.spi.RemoteEventSink}.
 *
 * <p>Rules for every type here: calls block (they run on virtual threads); nothing is null (absent values are
 * {@link java.util.Optional} or empty collections); optional abilities are separate small interfaces
 * ({@code NetworkClient.EditHandling}, ...) that a client implements or not — never an
 * {@code UnsupportedOperationException}. Two abilities live in files of their own:
 * {@link dev.passerelle.core.spi.WebhookReceiving} (a connector whose network pushes events over HTTP gets a durable
 * webhook endpoint) and {@link dev.passerelle.core.spi.SharedLogin} (a client whose account several Matrix users act
 * for, such as a Messenger Page). Text is {@link dev.passerelle.core.format.FormattedText}; connectors
 * convert only between their own format and it.
 *
 * <p>Threads go both ways: a {@link dev.passerelle.core.spi.RemoteEvent.Message#threadRoot()} becomes a Matrix
 * {@code m.thread}, and a Matrix thread message reaches the connector with
 * {@link dev.passerelle.core.spi.OutgoingMessage#threadRoot()} set (a component added later, with a constructor
 * without it kept for connectors that have no threads).
 */
package dev.passerelle.core.spi;
