package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Every TDLib record the bridge knows, found from the roots below: the codec registers them, the schema test checks them. */
public final class TdTypes {

    private static final List<Class<?>> ROOTS = List.of(
            Ok.class, TdError.class, TdFormattedText.class, TextEntity.class, TextEntities.class, TextEntityType.class,
            TextParseMode.class, AuthorizationState.class, AuthenticationCodeInfo.class, OptionValue.class,
            Usernames.class, User.class, UserType.class, Update.class, AuthRequest.class, TextRequest.class,
            MessageSender.class, Message.class, MessageSendingState.class, MessageReplyTo.class, MessageContent.class,
            TdFile.class, LocalFile.class, Photo.class, PhotoSize.class, Video.class, Animation.class, Audio.class,
            Document.class, VoiceNote.class, VideoNote.class, Sticker.class, StickerFormat.class, TdLocation.class,
            Venue.class, Contact.class, MessageInteractionInfo.class, MessageReactions.class, MessageReaction.class,
            ReactionType.class, Messages.class, Chat.class, ChatType.class, ChatPhotoInfo.class, ChatAction.class,
            ConnectionState.class, InputFile.class, InputMessageContent.class, InputPhoto.class, InputVideo.class,
            InputDocument.class, InputMessageReplyTo.class, ImportedContact.class, ImportedContacts.class,
            ChatMember.class, ChatMemberStatus.class, ChatMembers.class, BasicGroupFullInfo.class,
            SupergroupMembersFilter.class, MessageRequest.class, RemoteFile.class, ProfilePhoto.class, TdPoll.class,
            PollOption.class, PollType.class, InputPollOption.class, InputPollType.class, InputAnimation.class,
            UserStatus.class, MessageTopic.class, CallDiscardReason.class);

    /** Every record with its {@code td_api.tl} name. */
    public static final Map<String, Class<? extends TdObject>> BY_NAME = collect();

    private static final Map<Class<?>, Class<?>> ANSWER_TYPES = new ConcurrentHashMap<>();

    private TdTypes() {
    }

    /** The type a request answers with (its {@code TdRequest} type argument). */
    public static Class<?> answerType(Class<?> request) {
        return ANSWER_TYPES.computeIfAbsent(request, r -> {
            for (Type t : r.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == TdRequest.class) {
                    return (Class<?>) p.getActualTypeArguments()[0];
                }
            }
            throw new IllegalArgumentException(r + " is not a TdRequest");
        });
    }

    public static String nameOf(Class<?> record) {
        JsonTypeName name = record.getAnnotation(JsonTypeName.class);
        if (name == null) {
            throw new IllegalStateException(record + " has no @JsonTypeName (its td_api.tl constructor)");
        }
        return name.value();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends TdObject>> collect() {
        List<Class<?>> records = new ArrayList<>();
        for (Class<?> root : ROOTS) {
            walk(root, records);
        }
        return records.stream().collect(Collectors.toUnmodifiableMap(TdTypes::nameOf,
                c -> (Class<? extends TdObject>) c));
    }

    private static void walk(Class<?> type, List<Class<?>> into) {
        if (type.isRecord()) {
            into.add(type);
        } else if (type.isSealed()) {
            Arrays.stream(type.getPermittedSubclasses()).forEach(c -> walk(c, into));
        } else {
            Arrays.stream(type.getDeclaredClasses()).forEach(c -> walk(c, into));
        }
    }
}
