package dev.passerelle.core.appservice;

/**
 * Who answers the homeserver's questions about users, aliases and third-party lookups.
 *
 * @see #defaults(String)
 */
public record AppserviceQueries(UserQueryHandler users, RoomAliasQueryHandler aliases, ThirdPartyQueryHandler thirdParty) {

    /** Knows only the bot user; no aliases, no third-party networks. */
    public static AppserviceQueries defaults(String botUserId) {
        return new AppserviceQueries(UserQueryHandler.onlyBot(botUserId), RoomAliasQueryHandler.none(),
                ThirdPartyQueryHandler.none());
    }
}
