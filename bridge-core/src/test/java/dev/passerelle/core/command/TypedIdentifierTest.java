package dev.passerelle.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedIdentifierTest {

    @Test
    void phoneNumbersAreCompactedAsTyped() {
        assertEquals(Optional.of("+33699999999"), TypedIdentifier.phoneNumber("+33 6 99 99 99 99"));
        assertEquals(Optional.of("+33699999999"), TypedIdentifier.phoneNumber(" +33 6-99.99/99\u00a099 "));
        assertEquals(Optional.of("5551234567"), TypedIdentifier.phoneNumber("(555) 123-4567"));
        assertEquals(Optional.of("+15551234567"), TypedIdentifier.phoneNumber("+1 (555) 123-4567"));
    }

    @Test
    void usernamesAndLoginIdsWithAPhoneAreNotPhoneNumbers() {
        assertEquals(Optional.empty(), TypedIdentifier.phoneNumber("@bobby"));
        assertEquals(Optional.empty(), TypedIdentifier.phoneNumber("bob 42"));
        assertEquals(Optional.empty(), TypedIdentifier.phoneNumber("nobody +33600000002"));
        assertEquals(Optional.empty(), TypedIdentifier.phoneNumber("12 +33600000002"));
        assertEquals(Optional.empty(), TypedIdentifier.phoneNumber(""));
        assertEquals("@bobby", TypedIdentifier.normalized(" @bobby "));
        assertEquals("+33600000002", TypedIdentifier.normalized("+33 6 00 00 00 02"));
    }
}
