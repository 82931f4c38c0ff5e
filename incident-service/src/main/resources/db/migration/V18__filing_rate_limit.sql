-- Issue 14: the per-person rate limit on filing (FilingRateLimit), shared by every replica of the service. One row
-- per person and window; the count is taken in the filing's transaction, so a refused filing leaves no trace.
CREATE TABLE filing_rate (
    organisation text        NOT NULL,
    username     text        NOT NULL,
    window_start timestamptz NOT NULL,
    filed        integer     NOT NULL,
    PRIMARY KEY (organisation, username, window_start)
);
