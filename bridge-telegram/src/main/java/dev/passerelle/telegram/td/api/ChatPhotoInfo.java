package dev.passerelle.telegram.td.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A chat's or user's current picture, small (160×160) and big (640×640). */
@JsonTypeName("chatPhotoInfo")
public record ChatPhotoInfo(TdFile small, TdFile big) implements TdObject {
}
