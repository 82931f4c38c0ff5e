package jp.horenso.notification.acknowledgement.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The key acknowledgement links are signed with: production never signs with a random or short one. */
class AckLinkKeyTest {

    private static final String SECRET = "a-secret-of-at-least-32-characters-0123";

    @Test
    void productionRefusesToStartWithoutTheSecret() {
        for (Optional<String> missing : java.util.List.of(Optional.<String>empty(), Optional.of("   "))) {
            IllegalStateException refused =
                    assertThrows(IllegalStateException.class, () -> AckLinks.signingKey(missing, false));
            assertTrue(refused.getMessage().contains("HORENSO_NOTIFICATION_ACK_LINK_SECRET"), refused.getMessage());
        }
    }

    @Test
    void aShortSecretIsRefusedEverywhere() {
        for (boolean randomAllowed : new boolean[] {false, true}) {
            IllegalStateException refused = assertThrows(
                    IllegalStateException.class, () -> AckLinks.signingKey(Optional.of("too-short"), randomAllowed));
            assertTrue(refused.getMessage().contains("at least 32 characters"), refused.getMessage());
        }
    }

    @Test
    void theConfiguredSecretIsTheKey() {
        assertArrayEquals(
                SECRET.getBytes(StandardCharsets.UTF_8),
                AckLinks.signingKey(Optional.of(SECRET), false).getEncoded());
    }

    @Test
    void devAndTestSignWithARandomKeyPerStartWhenNoneIsSet() {
        byte[] first = AckLinks.signingKey(Optional.empty(), true).getEncoded();
        byte[] second = AckLinks.signingKey(Optional.empty(), true).getEncoded();
        assertEquals(32, first.length);
        assertFalse(Arrays.equals(first, second));
    }
}
