package jp.horenso.notification.delivery.service;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import jp.horenso.notification.delivery.channel.ChannelSender;
import jp.horenso.notification.delivery.channel.DeliveryFailedException;
import jp.horenso.notification.delivery.channel.DeliveryInDoubtException;
import jp.horenso.notification.delivery.channel.OutgoingMessage;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * One delivery attempt with quick in-process retries (SmallRye Fault Tolerance): exponential backoff with
 * jitter, and only after failures that prove nothing was delivered — an outcome in doubt is never retried
 * here. The slower retries across attempts are scheduled in the database by {@link DeliveryService}, so they
 * survive a crash. Settings: {@code quarkus.fault-tolerance."<this class>/send".retry.*} and
 * {@code .exponential-backoff.*}.
 */
@ApplicationScoped
public class GuardedSender {

    @Retry(
            maxRetries = 2,
            delay = 1,
            delayUnit = ChronoUnit.SECONDS,
            jitter = 400,
            retryOn = DeliveryFailedException.class,
            abortOn = DeliveryInDoubtException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void send(ChannelSender sender, OutgoingMessage message, Tries tries) {
        tries.started();
        try {
            sender.send(message);
        } catch (DeliveryFailedException e) {
            tries.failed(DeliveryWorker.describe(e));
            throw e;
        }
    }
}
