package jp.horenso.incident.common.problem;

/** A failure the API reports as problem+json: an HTTP status and the message key of its detail. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String key;
    private final transient Object[] args;

    public ProblemException(int status, String key, Object... args) {
        super(key);
        this.status = status;
        this.key = key;
        this.args = args;
    }

    /** 404: the case does not exist, or the caller may not see it (which must look the same). */
    public static ProblemException notFound(Object id) {
        return new ProblemException(404, "incident.not-found", id);
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args;
    }
}
