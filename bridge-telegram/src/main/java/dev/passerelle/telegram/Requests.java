package dev.passerelle.telegram;

import dev.passerelle.core.spi.NetworkException;
import dev.passerelle.telegram.td.api.TdObject;
import dev.passerelle.telegram.td.api.TdRequest;

/** Sends a request on an account's running TDLib client; TDLib's refusals arrive as {@link NetworkException}. */
@FunctionalInterface
interface Requests {
    <R extends TdObject> R call(TdRequest<R> request) throws NetworkException;
}
