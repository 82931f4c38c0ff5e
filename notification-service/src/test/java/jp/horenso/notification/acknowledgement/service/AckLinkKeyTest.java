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

    @Test
    void theSingleSecretIsTheKeyDefaultAndSignsNewLinks() {
        AckLinks.KeyRing ring = AckLinks.keyRing(Optional.of(SECRET), java.util.Map.of(), Optional.empty(), false);
        assertEquals("default", ring.currentKeyId());
        assertEquals(java.util.Set.of("default"), ring.keys().keySet());
    }

    @Test
    void productionRefusesToStartWithoutAnyKey() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> AckLinks.keyRing(Optional.empty(), java.util.Map.of(), Optional.empty(), false));
        assertTrue(refused.getMessage().contains("HORENSO_NOTIFICATION_ACK_LINK_SECRET"), refused.getMessage());
    }

    @Test
    void rotatedKeysAreAllKeptAndTheCurrentOneMustBeAmongThem() {
        java.util.Map<String, String> keys = java.util.Map.of("k2027", SECRET + "-new");
        AckLinks.KeyRing ring = AckLinks.keyRing(Optional.of(SECRET), keys, Optional.of("k2027"), false);
        assertEquals("k2027", ring.currentKeyId());
        assertEquals(java.util.Set.of("default", "k2027"), ring.keys().keySet());
        // Only keys.<id>, no secret: that works too (the secret is not needed once it was rotated out).
        assertEquals(
                "k2027",
                AckLinks.keyRing(Optional.empty(), keys, Optional.empty(), false)
                        .currentKeyId());
        assertThrows(
                IllegalStateException.class,
                () -> AckLinks.keyRing(Optional.of(SECRET), keys, Optional.of("k2028"), false));
        assertThrows(
                IllegalStateException.class,
                () -> AckLinks.keyRing(Optional.empty(), java.util.Map.of("k1", "short"), Optional.empty(), false));
        assertThrows(
                IllegalStateException.class,
                () -> AckLinks.keyRing(Optional.empty(), java.util.Map.of("k/1", SECRET), Optional.empty(), false));
    }

    @Test
    void anInstallationWithOnlyTheSingleSecretReadsNoRotatedKeys() {
        io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(jp.horenso.notification.config.NotificationConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(
                        java.util.Map.of(
                                "horenso.notification.public-base-url", "https://n.example.jp",
                                "horenso.notification.console-base-url", "https://c.example.jp",
                                "horenso.notification.mail.from", "h@example.jp",
                                "horenso.notification.mail.smtp.host", "smtp.example.jp",
                                "horenso.notification.mail.smtp.port", "25",
                                "horenso.notification.ack-link.secret", SECRET),
                        "test",
                        300))
                .build();
        jp.horenso.notification.config.NotificationConfig.AckLink ackLink = config.getConfigMapping(
                        jp.horenso.notification.config.NotificationConfig.class)
                .ackLink();
        assertTrue(ackLink.keys().isEmpty());
        assertEquals(
                "default",
                AckLinks.keyRing(ackLink.secret(), ackLink.keys(), ackLink.currentKeyId(), false)
                        .currentKeyId());
    }
}
