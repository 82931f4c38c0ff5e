package jp.horenso.systemtests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension handing every test class the same {@link RunningSystem}: started on first request, kept in
 * the root context's store and closed by JUnit when the whole run ends (no process outlives the run).
 */
public final class SystemUnderTest implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SystemUnderTest.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public RunningSystem resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext
                .getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Start.class, key -> Start.attempt(), Start.class)
                .system();
    }

    /**
     * One start attempt, remembered even when it failed so that the next test class reports the same cause
     * instead of paying for another minute-long start.
     */
    private record Start(RunningSystem running, RuntimeException failure) implements AutoCloseable {

        static Start attempt() {
            try {
                return new Start(RunningSystem.start(), null);
            } catch (RuntimeException e) {
                return new Start(null, e);
            }
        }

        RunningSystem system() {
            if (failure != null) {
                throw new IllegalStateException(
                        "the system under test did not start (logs: target/stack/logs)", failure);
            }
            return running;
        }

        @Override
        public void close() {
            if (running != null) {
                running.close();
            }
        }
    }
}
