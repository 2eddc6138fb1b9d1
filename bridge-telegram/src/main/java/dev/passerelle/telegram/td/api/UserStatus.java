package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Whether a user is online, as far as their privacy settings let this account know. */
public sealed interface UserStatus extends TdObject {

    @JsonTypeName("userStatusEmpty") record Empty() implements UserStatus { }

    /** Online until {@code expires} (Unix time) unless renewed. */
    @JsonTypeName("userStatusOnline") record Online(int expires) implements UserStatus { }

    @JsonTypeName("userStatusOffline") record Offline(int wasOnline) implements UserStatus { }

    @JsonTypeName("userStatusRecently") record Recently() implements UserStatus { }

    @JsonTypeName("userStatusLastWeek") record LastWeek() implements UserStatus { }

    @JsonTypeName("userStatusLastMonth") record LastMonth() implements UserStatus { }
}
