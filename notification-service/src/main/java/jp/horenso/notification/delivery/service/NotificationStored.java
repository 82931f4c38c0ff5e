package jp.horenso.notification.delivery.service;

import java.util.UUID;

/** A notification was stored to be sent; observed after the commit to send it at once. */
public record NotificationStored(UUID notificationId) {}
