package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** What to send. */
public sealed interface InputMessageContent extends TdObject {

    @JsonTypeName("inputMessageText") record Text(TdFormattedText text, boolean clearDraft)
            implements InputMessageContent { }

    @JsonTypeName("inputMessagePhoto") record Photo(InputPhoto photo, TdFormattedText caption)
            implements InputMessageContent { }

    @JsonTypeName("inputMessageVideo") record Video(InputVideo video, TdFormattedText caption)
            implements InputMessageContent { }

    @JsonTypeName("inputMessageDocument") record Document(InputDocument document, TdFormattedText caption)
            implements InputMessageContent { }

    @JsonTypeName("inputMessageVoiceNote")
    record VoiceNote(InputFile voiceNote, int duration, byte[] waveform, TdFormattedText caption)
            implements InputMessageContent { }

    @JsonTypeName("inputMessageAnimation") record Animation(InputAnimation animation, TdFormattedText caption)
            implements InputMessageContent { }

    @JsonTypeName("inputMessagePoll")
    record Poll(TdFormattedText question, java.util.List<InputPollOption> options, boolean isAnonymous,
                boolean allowsMultipleAnswers, InputPollType type) implements InputMessageContent { }

    @JsonTypeName("inputMessageSticker")
    record Sticker(InputFile sticker, int width, int height) implements InputMessageContent { }

    @JsonTypeName("inputMessageLocation") record Location(TdLocation location) implements InputMessageContent { }
}
