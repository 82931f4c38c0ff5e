-- Search over title and description that works for Japanese: a normalised copy (NFKC, lower case) matched by
-- substring, so 'ＵＳＢ' finds 'usb' and 'ﾒｰﾙ' finds 'メール' without word segmentation.
ALTER TABLE incident ADD COLUMN search_text text NOT NULL DEFAULT '';
UPDATE incident SET search_text = lower(normalize(title || E'\n' || description, NFKC));
CREATE INDEX incident_reported_at_idx ON incident (organisation, reported_at DESC);

-- Idempotency-Key on report creation: a retried POST returns the case the first one made.
CREATE TABLE idempotency_key (
    username      text        NOT NULL,
    key           text        NOT NULL,
    request_hash  text        NOT NULL,
    incident_id   uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (username, key)
);
