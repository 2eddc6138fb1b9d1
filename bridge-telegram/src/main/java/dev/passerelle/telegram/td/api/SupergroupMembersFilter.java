package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

public sealed interface SupergroupMembersFilter extends TdObject {

    @JsonTypeName("supergroupMembersFilterRecent") record Recent() implements SupergroupMembersFilter { }
}
