package jp.horenso.platform.status;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the plumbing in {@code /q/health/ready}: pending and parked outbox rows and the depth of every dead-letter
 * topic. It stays UP (a parked row or a dead letter needs a person, not a restart or less traffic); the metrics
 * and the operations alerts raise the alarm.
 */
@Readiness
@ApplicationScoped
public class PlumbingHealthCheck implements HealthCheck {

    private final PlumbingStatus status;

    public PlumbingHealthCheck(PlumbingStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        PlumbingStatus.Reading reading = status.read();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("horenso-plumbing")
                .up()
                .withData("outboxPending", reading.outboxPending())
                .withData("outboxParked", reading.outboxParked());
        reading.deadLetters().forEach((topic, depth) -> response.withData("deadLetters " + topic, depth));
        if (reading.error() != null) {
            response.withData("unreadable", reading.error());
        }
        return response.build();
    }
}
