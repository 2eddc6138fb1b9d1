package dev.passerelle.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GhostIdsTest {

    private static final GhostIds IDS = new GhostIds("telegram_", "example.org");
    private static final Pattern LOCALPART = Pattern.compile("[a-z0-9._=\\-/]+");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "123456            | 123456",
            "alice             | alice",
            "Alice             | _alice",
            "a_b               | a__b",
            "+33612345678      | =2b33612345678",
            "a b               | a=20b",
            "x=y               | x=3dy",
            "ABC.def-1/2       | _a_b_c.def-1/2",
            "éa                | =c3=a9a",
            "12345@s.whatsapp.net | 12345=40s.whatsapp.net",
    })
    void escapesLikeMautrix(String remoteId, String localpartSuffix) {
        assertEquals("@telegram_" + localpartSuffix + ":example.org", IDS.mxid(remoteId));
        assertTrue(LOCALPART.matcher(GhostIds.escape(remoteId)).matches());
        assertEquals(Optional.of(remoteId), IDS.remoteUserId(IDS.mxid(remoteId)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"😀 emoji", "MiXeD_Case__", "=", "_", "tab\there", "日本語", "a:b@c"})
    void roundTripsAnything(String remoteId) {
        String mxid = IDS.mxid(remoteId);
        assertTrue(LOCALPART.matcher(mxid.substring(1, mxid.indexOf(':'))).matches(), mxid);
        assertEquals(Optional.of(remoteId), IDS.remoteUserId(mxid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@whatsapp_123:example.org", "@telegram_123:other.org", "@telegram_:example.org",
            "@telegram_=2:example.org", "@telegram_=zz:example.org", "@telegram_a_:example.org",
            "@telegram_=41:example.org"})
    void refusesWhatItDoesNotProduce(String mxid) {
        assertEquals(Optional.empty(), IDS.remoteUserId(mxid));
    }
}
