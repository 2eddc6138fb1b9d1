package dev.passerelle.telegram;

import dev.passerelle.core.spi.ChatInfo;
import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.td.api.BasicGroupFullInfo;
import dev.passerelle.telegram.td.api.Chat;
import dev.passerelle.telegram.td.api.ChatMember;
import dev.passerelle.telegram.td.api.ChatMemberStatus;
import dev.passerelle.telegram.td.api.ChatType;
import dev.passerelle.telegram.td.api.MessageRequest;
import dev.passerelle.telegram.td.api.MessageSender;
import dev.passerelle.telegram.td.api.SupergroupMembersFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chat's facts for its portal: a private chat is a DM with its user; basic groups list all members, supergroups
 * their 200 most recent (big ones would take many requests); the creator is the owner, administrators are admins.
 * Channels are read-only for whoever is not an admin.
 */
final class ChatInfoFetcher {

    private static final int MEMBER_LIMIT = 200;

    private final Requests requests;
    private final TelegramFiles files;
    private final String loginId;

    ChatInfoFetcher(Requests requests, TelegramFiles files, String loginId) {
        this.requests = requests;
        this.files = files;
        this.loginId = loginId;
    }

    Requests requests() {
        return requests;
    }

    TelegramFiles files() {
        return files;
    }

    ChatInfo chatInfo(Chat chat) throws NetworkException {
        var avatar = Optional.ofNullable(chat.photo()).filter(p -> p.big() != null).map(p -> files.avatar(p.big()));
        return switch (chat.type()) {
            case ChatType.Private p -> new ChatInfo(ChatInfo.ChatKind.DM, Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(member(loginId, ChatInfo.Role.MEMBER),
                    member(Long.toString(p.userId()), ChatInfo.Role.MEMBER)), Optional.of(Long.toString(p.userId())));
            case ChatType.Secret s -> new ChatInfo(ChatInfo.ChatKind.DM, Optional.empty(), Optional.of(
                    "A secret chat: Telegram keeps these on the phone only, so the bridge cannot show them."),
                    Optional.empty(), List.of(), Optional.of(Long.toString(s.userId())));
            case ChatType.BasicGroup g -> {
                BasicGroupFullInfo full = requests.call(new MessageRequest.GetBasicGroupFullInfo(g.basicGroupId()));
                yield new ChatInfo(ChatInfo.ChatKind.GROUP, Optional.of(chat.title()),
                        Optional.ofNullable(full.description()).filter(d -> !d.isBlank()), avatar,
                        members(full.members()), Optional.empty());
            }
            case ChatType.Supergroup g -> {
                var members = requests.call(new MessageRequest.GetSupergroupMembers(g.supergroupId(),
                        new SupergroupMembersFilter.Recent(), 0, MEMBER_LIMIT));
                yield new ChatInfo(g.isChannel() ? ChatInfo.ChatKind.CHANNEL : ChatInfo.ChatKind.GROUP,
                        Optional.of(chat.title()), Optional.empty(), avatar, members(members.members()),
                        Optional.empty());
            }
        };
    }

    private static List<ChatInfo.ChatMember> members(List<ChatMember> members) {
        List<ChatInfo.ChatMember> out = new ArrayList<>();
        for (ChatMember m : members == null ? List.<ChatMember>of() : members) {
            if (!(m.memberId() instanceof MessageSender.User u)) {
                continue;
            }
            ChatInfo.Role role = switch (m.status()) {
                case ChatMemberStatus.Creator c -> ChatInfo.Role.OWNER;
                case ChatMemberStatus.Administrator a -> ChatInfo.Role.ADMIN;
                case ChatMemberStatus.Left l -> null;
                case ChatMemberStatus.Banned b -> null;
                case ChatMemberStatus.Restricted r -> r.isMember() ? ChatInfo.Role.MEMBER : null;
                case ChatMemberStatus.Member mm -> ChatInfo.Role.MEMBER;
                case null -> ChatInfo.Role.MEMBER;
            };
            if (role != null) {
                out.add(member(Long.toString(u.userId()), role));
            }
        }
        return out;
    }

    private static ChatInfo.ChatMember member(String userId, ChatInfo.Role role) {
        return new ChatInfo.ChatMember(userId, role);
    }
}
