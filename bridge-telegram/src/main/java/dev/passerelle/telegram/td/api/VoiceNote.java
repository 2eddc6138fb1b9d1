package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A voice message; {@code waveform} is 5-bit samples packed (bytes, base64 in JSON). */
@JsonTypeName("voiceNote")
public record VoiceNote(int duration, byte[] waveform, String mimeType, TdFile voice) implements TdObject {
}
