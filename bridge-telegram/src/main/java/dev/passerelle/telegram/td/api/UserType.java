package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What kind of account a {@link User} is. */
public sealed interface UserType extends TdObject {

    @JsonTypeName("userTypeRegular") record Regular() implements UserType { }
    @JsonTypeName("userTypeDeleted") record Deleted() implements UserType { }
    @JsonTypeName("userTypeBot") record Bot() implements UserType { }
    @JsonTypeName("userTypeUnknown") record Unknown() implements UserType { }
}
