package jp.horenso.web.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** What the live updates read, and how long an instance keeps reading once nobody watches ({@link LiveTail}). */
@ConfigMapping(prefix = "horenso.web.live")
public interface LiveConfig {

    /** The topics whose facts reach the open streams. */
    List<String> topics();

    /**
     * How long the instance keeps reading after its last stream closed: a click to another page closes one stream
     * and opens the next a moment later, and reading on through that gap costs less than starting again.
     */
    @WithDefault("PT2M")
    Duration linger();
}
