package dev.passerelle.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTextTest {

    @Test
    void inTheManagementRoomThePrefixIsOptional() {
        assertEquals(Optional.of(new CommandText("login", List.of("qr"))), CommandText.parse(" login  qr ", "!pass",
                false));
        assertEquals(Optional.of(new CommandText("login", List.of("qr"))), CommandText.parse("!pass login qr",
                "!pass", false));
    }

    @Test
    void elsewhereOnlyThePrefixFollowedBySpaceMakesACommand() {
        assertEquals(Optional.empty(), CommandText.parse("login qr", "!pass", true));
        assertEquals(Optional.empty(), CommandText.parse("!password reset", "!pass", true));
        assertEquals(Optional.empty(), CommandText.parse("!pass", "!pass", true));
        assertEquals(Optional.of(new CommandText("ping", List.of())), CommandText.parse("!pass\tping", "!pass", true));
    }

    @Test
    void commandWordsAreCaseInsensitive() {
        assertEquals(Optional.of(Command.LIST_LOGINS), Command.byWord("List-Logins"));
        assertEquals(Optional.empty(), Command.byWord("list_logins"));
    }
}
