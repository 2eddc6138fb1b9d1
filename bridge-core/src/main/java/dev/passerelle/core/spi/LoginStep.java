package dev.passerelle.core.spi;

import java.util.List;

/** What a {@link LoginProcess} wants next. */
public sealed interface LoginStep {

    /** A stable id for the step within its flow (e.g. {@code phone}, {@code code}, {@code qr}); the API shows it. */
    String stepId();

    /**
     * Show something to the user and wait ({@link LoginProcess#awaitNext}).
     *
     * @param kind         how to show {@code data}
     * @param data         the QR code's content, the code to type, or text
     * @param instructions what the user should do, one or two sentences
     */
    record Display(String stepId, DisplayKind kind, String data, String instructions) implements LoginStep {
    }

    /**
     * Ask the user for one or more values ({@link LoginProcess#submit}).
     *
     * @param instructions what to enter and why (e.g. "The code was wrong; enter the new one Telegram sent")
     */
    record UserInput(String stepId, String instructions, List<InputField> fields) implements LoginStep {
    }

    /** Logged in: the engine stores {@code login} and loads its client. */
    record Complete(String stepId, NewLogin login) implements LoginStep {
    }

    /** How a {@link Display} is shown. */
    enum DisplayKind {
        /** Rendered as a QR code image (and the text for the provisioning API). */
        QR,
        /** A short code the user types elsewhere (a pairing code), shown large and monospace. */
        CODE,
        /** Plain instructions, nothing to render. */
        TEXT
    }
}
