package jp.horenso.platform.admintrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.horenso.platform.support.RealStack;
import org.junit.jupiter.api.Test;

/**
 * The administrative trail on a real PostgreSQL, as the platform's migration and grants leave it: the services'
 * role may add and read but never change, delete or truncate (第117–119条 for the rules), and a rewrite by the owner
 * is found by verification.
 */
class AdminTrailGuardTest {

    private final RealStack stack = RealStack.get();

    @Test
    void theApplicationRoleMayAddAndReadButNeverUpdateDeleteOrTruncateTheTrail() throws SQLException {
        String organisation = "guard-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection app = stack.connectAsApplication()) {
            append(app, organisation, 3);
            assertEquals(3, count(app, organisation));
            assertRefused(
                    app, "update admin_trail_entry set actor = 'mallory' where organisation = '" + organisation + "'");
            assertRefused(app, "delete from admin_trail_entry where organisation = '" + organisation + "'");
            assertRefused(app, "truncate admin_trail_entry");
            assertRefused(app, "alter table admin_trail_entry disable trigger admin_trail_entry_append_only");
            assertRefused(app, "delete from admin_trail_head where organisation = '" + organisation + "'");
            assertRefused(app, "update admin_trail_head set seq = 1 where organisation = '" + organisation + "'");
            assertEquals(3, count(app, organisation));
        }
    }

    @Test
    void evenTheOwnerIsStoppedByTheTriggers() throws SQLException {
        String organisation = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection owner = stack.connect()) {
            append(owner, organisation, 2);
            assertRefused(
                    owner,
                    "update admin_trail_entry set actor = 'mallory' where organisation = '" + organisation + "'");
            assertRefused(
                    owner, "delete from admin_trail_entry where organisation = '" + organisation + "' and seq = 2");
            assertRefused(owner, "truncate admin_trail_entry");
            assertEquals(2, count(owner, organisation));
        }
    }

    @Test
    void aRowRewrittenBehindTheTriggersBreaksTheChainAtThatEntry() throws SQLException {
        String organisation = "rewrite-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection owner = stack.connect()) {
            append(owner, organisation, 4);
            assertTrue(verify(owner, organisation).intact());
            try (Statement statement = owner.createStatement()) {
                statement.execute("alter table admin_trail_entry disable trigger admin_trail_entry_append_only");
                try {
                    statement.execute(
                            "update admin_trail_entry set detail = '{\"role\":\"ciso\"}' where organisation = '"
                                    + organisation + "' and seq = 2");
                } finally {
                    statement.execute("alter table admin_trail_entry enable trigger admin_trail_entry_append_only");
                }
            }
            AdminTrailVerification verification = verify(owner, organisation);
            assertFalse(verification.intact());
            assertEquals(2L, verification.brokenAtSeq());
            assertEquals("CHAIN_BROKEN", verification.findings().get(0).code());
        }
    }

    @Test
    void aDeletedTailIsFoundAgainstTheHead() throws SQLException {
        String organisation = "tail-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection owner = stack.connect()) {
            append(owner, organisation, 3);
            try (Statement statement = owner.createStatement()) {
                statement.execute("alter table admin_trail_entry disable trigger admin_trail_entry_append_only");
                try {
                    statement.execute(
                            "delete from admin_trail_entry where organisation = '" + organisation + "' and seq = 3");
                } finally {
                    statement.execute("alter table admin_trail_entry enable trigger admin_trail_entry_append_only");
                }
            }
            AdminTrailVerification verification = verify(owner, organisation);
            assertFalse(verification.intact());
            assertEquals("HEAD_MISMATCH", verification.findings().get(0).code());
            assertEquals(3L, verification.brokenAtSeq());
        }
    }

    @Test
    void aMissingEntryInTheMiddleIsNamed() {
        List<AdminTrailEntry> chain = chain("gap", 3);
        chain.remove(1);
        AdminTrailVerification verification =
                AdminTrailVerification.of("gap", chain, 3, chain.get(1).hash(), Instant.now());
        assertFalse(verification.intact());
        assertEquals("ENTRY_MISSING", verification.findings().get(0).code());
        assertEquals(2L, verification.brokenAtSeq());
    }

    /** Appends {@code n} entries the way {@link AdminTrail#record} does, as the given connection's role. */
    private static void append(Connection connection, String organisation, int n) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement head = connection.prepareStatement(
                "insert into admin_trail_head (organisation, seq, hash) values (?, 0, ?) on conflict do nothing")) {
            head.setString(1, organisation);
            head.setString(2, AdminTrail.GENESIS);
            head.executeUpdate();
        }
        for (AdminTrailEntry entry : chain(organisation, n)) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into admin_trail_entry
                        (id, organisation, seq, recorded_at, actor, action, subject, detail, previous_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                insert.setObject(1, entry.id());
                insert.setString(2, entry.organisation());
                insert.setLong(3, entry.seq());
                insert.setTimestamp(4, Timestamp.from(entry.recordedAt()));
                insert.setString(5, entry.actor());
                insert.setString(6, entry.action());
                insert.setString(7, entry.subject());
                insert.setString(8, entry.detail());
                insert.setString(9, entry.previousHash());
                insert.setString(10, entry.hash());
                insert.executeUpdate();
            }
            try (PreparedStatement head = connection.prepareStatement(
                    "update admin_trail_head set seq = ?, hash = ? where organisation = ?")) {
                head.setLong(1, entry.seq());
                head.setString(2, entry.hash());
                head.setString(3, organisation);
                head.executeUpdate();
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static List<AdminTrailEntry> chain(String organisation, int n) {
        List<AdminTrailEntry> chain = new ArrayList<>();
        String previous = AdminTrail.GENESIS;
        Instant at = Instant.parse("2026-12-06T00:00:00Z").truncatedTo(ChronoUnit.MICROS);
        for (int seq = 1; seq <= n; seq++) {
            AdminTrailEntry draft = new AdminTrailEntry(
                    UUID.randomUUID(),
                    organisation,
                    seq,
                    at.plusSeconds(seq),
                    "seclead",
                    "ABSENCE_RECORDED",
                    "chief1",
                    "{\"n\":" + seq + "}",
                    previous,
                    null);
            AdminTrailEntry entry = new AdminTrailEntry(
                    draft.id(),
                    draft.organisation(),
                    draft.seq(),
                    draft.recordedAt(),
                    draft.actor(),
                    draft.action(),
                    draft.subject(),
                    draft.detail(),
                    draft.previousHash(),
                    draft.computeHash());
            chain.add(entry);
            previous = entry.hash();
        }
        return chain;
    }

    private static AdminTrailVerification verify(Connection connection, String organisation) throws SQLException {
        List<AdminTrailEntry> chain = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select id, organisation, seq, recorded_at, actor, action, subject, detail, previous_hash, hash
                from admin_trail_entry where organisation = ? order by seq
                """)) {
            select.setString(1, organisation);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    chain.add(new AdminTrailEntry(
                            rows.getObject(1, UUID.class),
                            rows.getString(2),
                            rows.getLong(3),
                            rows.getTimestamp(4).toInstant(),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7),
                            rows.getString(8),
                            rows.getString(9),
                            rows.getString(10)));
                }
            }
        }
        try (PreparedStatement head =
                connection.prepareStatement("select seq, hash from admin_trail_head where organisation = ?")) {
            head.setString(1, organisation);
            try (ResultSet row = head.executeQuery()) {
                row.next();
                return AdminTrailVerification.of(organisation, chain, row.getLong(1), row.getString(2), Instant.now());
            }
        }
    }

    private static int count(Connection connection, String organisation) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("select count(*) from admin_trail_entry where organisation = ?")) {
            select.setString(1, organisation);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void assertRefused(Connection connection, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
        assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
    }
}
