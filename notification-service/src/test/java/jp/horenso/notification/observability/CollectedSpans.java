package jp.horenso.notification.observability;

import jakarta.inject.Singleton;
import jp.horenso.localstack.testing.InMemorySpans;

/** Every span the service ended, in memory while the SDK is on ({@link ObservabilityTest}); the bean of the shared one. */
@Singleton
public class CollectedSpans extends InMemorySpans {}
