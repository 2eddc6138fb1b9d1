package dev.passerelle.whatsapp;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.whatsapp.sidecar.SidecarException;
import java.util.Optional;

/**
 * Matrix invites and kicks of ghosts → adding and removing WhatsApp group participants, done by the acting user's
 * login. WhatsApp's refusals become messages that say why and what to do.
 */
final class GroupMembership {

    private final SidecarCalls calls;

    GroupMembership(SidecarCalls calls) {
        this.calls = calls;
    }

    void add(String chatId, String remoteUserId) throws NetworkException {
        change(chatId, remoteUserId, "add");
    }

    void remove(String chatId, String remoteUserId) throws NetworkException {
        change(chatId, remoteUserId, "remove");
    }

    private void change(String chatId, String remoteUserId, String action) throws NetworkException {
        if (!WhatsAppIds.isGroup(chatId)) {
            throw new NetworkException("WhatsApp chats with one person have no members to invite or remove.", false);
        }
        var params = SidecarCalls.params().put("chat", chatId).put("participant", WhatsAppIds.jidOf(remoteUserId))
                .put("action", action);
        String what = action.equals("add") ? "adding " + remoteUserId + " to the group"
                : "removing " + remoteUserId + " from the group";
        calls.call("group.participants", params, what, GroupMembership::refusal);
    }

    /** WhatsApp's refusal, said for a person; empty for errors whose own message is clear enough. */
    private static Optional<String> refusal(SidecarException e) {
        return Optional.ofNullable(switch (e.code()) {
            case "WA_403", "WA_401" -> "WhatsApp refused: only the group's admins can add or remove members, and you "
                    + "are not an admin of this group.";
            case "PARTICIPANT_not_allowed" -> "WhatsApp refused: this person's privacy settings do not let you add "
                    + "them (send them the group's invite link from your phone), or they are an admin you cannot "
                    + "remove.";
            case "PARTICIPANT_left_recently" -> "WhatsApp refused: this person left the group recently and can only "
                    + "come back through the group's invite link.";
            case "PARTICIPANT_already" -> "This person is already in the WhatsApp group.";
            case "PARTICIPANT_not_member" -> "This person is not in the WhatsApp group.";
            default -> null;
        });
    }
}
