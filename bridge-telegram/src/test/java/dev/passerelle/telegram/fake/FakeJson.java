package dev.passerelle.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** TDLib objects of the fake, shaped as td_api.tl says (int64 as strings, @type on every object). */
final class FakeJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private FakeJson() {
    }

    static ObjectNode obj(String type) {
        return JSON.createObjectNode().put("@type", type);
    }

    static ObjectNode error(int code, String message) {
        return obj("error").put("code", code).put("message", message);
    }

    static ObjectNode state(String name) {
        return obj("updateAuthorizationState").set("authorization_state", obj(name));
    }

    static ObjectNode user(FakeAccount a) {
        ObjectNode u = obj("user").put("id", a.id()).put("first_name", a.firstName()).put("last_name", a.lastName())
                .put("phone_number", a.phone().replace("+", ""));
        ObjectNode names = obj("usernames").put("editable_username", a.username().orElse(""));
        ArrayNode active = names.putArray("active_usernames");
        a.username().ifPresent(active::add);
        names.putArray("disabled_usernames");
        names.putArray("collectible_usernames");
        u.set("usernames", names);
        u.set("type", a.botToken().isPresent() ? obj("userTypeBot") : obj("userTypeRegular"));
        u.put("is_contact", false).put("have_access", true).put("language_code", "en");
        u.set("profile_photo", JSON.nullNode());
        return u;
    }

    static ObjectNode chat(FakeChat c, long viewer) {
        ObjectNode chat = obj("chat").put("id", c.idFor(viewer));
        ObjectNode type = switch (c.kind) {
            case PRIVATE -> obj("chatTypePrivate").put("user_id", c.idFor(viewer));
            case BASIC_GROUP -> obj("chatTypeBasicGroup").put("basic_group_id", c.groupId);
            case SUPERGROUP -> obj("chatTypeSupergroup").put("supergroup_id", c.groupId).put("is_channel", false);
            case CHANNEL -> obj("chatTypeSupergroup").put("supergroup_id", c.groupId).put("is_channel", true);
            case SECRET -> obj("chatTypeSecret").put("secret_chat_id", c.groupId)
                    .put("user_id", c.members.stream().filter(m -> m != viewer).findFirst().orElse(viewer));
        };
        chat.set("type", type);
        chat.put("title", c.titles.getOrDefault(viewer, c.title));
        chat.set("photo", c.photo == null ? JSON.nullNode() : c.photo.deepCopy());
        chat.putArray("positions");
        return chat;
    }

    static ObjectNode text(String text) {
        ObjectNode content = obj("messageText");
        content.set("text", obj("formattedText").put("text", text).set("entities", JSON.createArrayNode()));
        return content;
    }

    static ObjectNode message(FakeChat c, FakeMessage m, long viewer) {
        ObjectNode msg = obj("message").put("id", c.messageIdFor(m, viewer));
        msg.set("sender_id", obj("messageSenderUser").put("user_id", m.sender));
        msg.put("chat_id", c.idFor(viewer)).put("is_outgoing", m.sender == viewer).put("is_pinned", false)
                .put("date", m.date).put("edit_date", m.editDate).put("media_album_id", "0");
        FakeMessage repliedTo = m.replyTo == 0 ? null : c.messages.get(m.replyTo);
        if (repliedTo != null) {
            msg.set("reply_to", obj("messageReplyToMessage").put("chat_id", c.idFor(viewer))
                    .put("message_id", c.messageIdFor(repliedTo, viewer)));
        }
        msg.set("interaction_info", interaction(m, viewer));
        if (m.forumTopicId != 0) {
            msg.set("topic_id", obj("messageTopicForum").put("forum_topic_id", m.forumTopicId));
        }
        msg.set("content", content(m, viewer));
        return msg;
    }

    /** A message's content as {@code viewer} sees it: a poll shows their own choice and, unless anonymous, voters. */
    static ObjectNode content(FakeMessage m, long viewer) {
        ObjectNode content = m.content.deepCopy();
        if (!typeOf(content).equals("messagePoll")) {
            return content;
        }
        ObjectNode poll = (ObjectNode) content.get("poll");
        boolean anonymous = poll.path("is_anonymous").asBoolean();
        poll.put("total_voter_count", m.votes.values().stream().filter(v -> !v.isEmpty()).count());
        int position = 0;
        for (JsonNode option : poll.path("options")) {
            int index = position++;
            List<Long> voters = m.votes.entrySet().stream().filter(e -> e.getValue().contains(index))
                    .map(java.util.Map.Entry::getKey).toList();
            ObjectNode o = (ObjectNode) option;
            o.put("voter_count", voters.size()).put("is_chosen", voters.contains(viewer));
            ArrayNode recent = o.putArray("recent_voter_ids");
            if (!anonymous) {
                voters.stream().filter(v -> v != viewer).forEach(v -> recent.add(obj("messageSenderUser")
                        .put("user_id", v)));
            }
        }
        return content;
    }

    static ObjectNode interaction(FakeMessage m, long viewer) {
        ObjectNode info = obj("messageInteractionInfo").put("view_count", 0).put("forward_count", 0);
        ObjectNode reactions = obj("messageReactions").put("are_tags", false);
        ArrayNode list = reactions.putArray("reactions");
        m.reactions.forEach((emoji, who) -> {
            if (who.isEmpty()) {
                return;
            }
            ObjectNode r = obj("messageReaction").put("total_count", who.size()).put("is_chosen", who.contains(viewer));
            r.set("type", obj("reactionTypeEmoji").put("emoji", emoji));
            ArrayNode recent = r.putArray("recent_sender_ids");
            who.stream().filter(u -> u != viewer).forEach(u -> recent.add(obj("messageSenderUser").put("user_id", u)));
            list.add(r);
        });
        reactions.putArray("paid_reactors");
        info.set("reactions", reactions);
        return info;
    }

    static ObjectNode ids(String type, long chatId, Set<Long> messageIds) {
        ObjectNode u = obj(type).put("chat_id", chatId);
        ArrayNode arr = u.putArray("message_ids");
        messageIds.forEach(arr::add);
        return u;
    }

    static String typeOf(JsonNode node) {
        return node.path("@type").asText();
    }
}
