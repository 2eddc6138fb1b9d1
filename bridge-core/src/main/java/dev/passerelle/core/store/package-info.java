/**
 * The bridge's persistent state, on SQLite or PostgreSQL alike.
 *
 * <p>Start with {@link dev.passerelle.core.store.Database}, which opens the pool and migrates the schema (migrations
 * in {@code src/main/resources/db/migration}; jOOQ classes in {@code dev.passerelle.core.store.jooq} are generated
 * from them at build time, and only this package uses them). Then there is one small store class per table, each
 * built from a {@code Database}, with blocking methods meant for virtual threads:
 * <ul>
 *   <li>{@link dev.passerelle.core.store.BridgeUserStore}, {@link dev.passerelle.core.store.UserLoginStore} — Matrix
 *       users and the remote accounts they log in with; login secrets are sealed by
 *       {@link dev.passerelle.core.store.SecretBox} under {@code bridge.secret_key};</li>
 *   <li>{@link dev.passerelle.core.store.PortalStore}, {@link dev.passerelle.core.store.GhostStore} — remote chats
 *       ⇄ Matrix rooms, remote users ⇄ Matrix puppets;</li>
 *   <li>{@link dev.passerelle.core.store.MessageStore}, {@link dev.passerelle.core.store.ReactionStore} — remote
 *       messages and reactions ⇄ Matrix events;</li>
 *   <li>{@link dev.passerelle.core.store.UserPortalStore} — which login is in which portal, read markers;</li>
 *   <li>{@link dev.passerelle.core.store.KvStore} — small bridge-wide values.</li>
 * </ul>
 * Keys are small records ({@link dev.passerelle.core.store.PortalKey}, {@link dev.passerelle.core.store.LoginKey},
 * {@link dev.passerelle.core.store.GhostKey}, {@link dev.passerelle.core.store.MessageKey},
 * {@link dev.passerelle.core.store.ReactionKey}); rows are records named {@code *Row}, apart from jOOQ's
 * {@code *Record} classes and from the engine's runtime objects. Matrix ids (users, rooms, events) are plain strings;
 * times are kept to the millisecond. Deleting a portal deletes its messages, reactions and memberships.
 */
package dev.passerelle.core.store;
