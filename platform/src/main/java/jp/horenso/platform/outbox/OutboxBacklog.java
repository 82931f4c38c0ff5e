package jp.horenso.platform.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What waits in the outbox: rows not yet on Kafka, and rows parked after repeated refusals. */
@ApplicationScoped
public class OutboxBacklog {

    /** Counts at one moment. */
    public record Counts(long pending, long parked) {}

    private final AgroalDataSource dataSource;

    public OutboxBacklog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Counts counts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select count(*) filter (where parked_at is null), count(*) filter (where parked_at is not null)
                        from outbox_event where published_at is null""")) {
            result.next();
            return new Counts(result.getLong(1), result.getLong(2));
        }
    }
}
