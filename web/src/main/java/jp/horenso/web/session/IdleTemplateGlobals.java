package jp.horenso.web.session;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;

/** The idle log-off's times for the layout's timer ({@code data-idle-timeout}, {@code data-idle-warning}). */
@TemplateGlobal
public final class IdleTemplateGlobals {

    private IdleTemplateGlobals() {}

    public static long idleTimeoutSeconds() {
        return Arc.container().instance(IdleConfig.class).get().timeout().toSeconds();
    }

    public static long idleWarningSeconds() {
        return Arc.container().instance(IdleConfig.class).get().warning().toSeconds();
    }
}
