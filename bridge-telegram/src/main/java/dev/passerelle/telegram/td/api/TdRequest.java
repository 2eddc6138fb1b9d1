package dev.passerelle.telegram.td.api;

/**
 * A TDLib function (below {@code ---functions---} in {@code td_api.tl}); {@code R} is the type it answers with.
 */
public interface TdRequest<R extends TdObject> extends TdObject {
}
