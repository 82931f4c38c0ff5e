-- The public site's id of a published disclosure (第43条5項, 第44条7項): a number per organisation, 1, 2, 3 … in
-- the order of publication, so that a page address says nothing about internal ids. Drills get none: they are never
-- public (第48条).
ALTER TABLE disclosure_publication ADD COLUMN public_number integer;

-- Number what was published before this migration. The table is append-only; its guard is lifted for this one
-- backfill only, inside the migration's transaction.
ALTER TABLE disclosure_publication DISABLE TRIGGER disclosure_publication_append_only;
UPDATE disclosure_publication p SET public_number = n.number
FROM (SELECT id, row_number() OVER (PARTITION BY organisation ORDER BY recorded_at, published_at, id) AS number
      FROM disclosure_publication WHERE NOT drill) n
WHERE p.id = n.id;
ALTER TABLE disclosure_publication ENABLE TRIGGER disclosure_publication_append_only;

ALTER TABLE disclosure_publication ADD CONSTRAINT disclosure_publication_public_number
    CHECK ((drill AND public_number IS NULL) OR (NOT drill AND public_number >= 1));
CREATE UNIQUE INDEX disclosure_publication_public_number_idx ON disclosure_publication (organisation, public_number);
CREATE INDEX disclosure_publication_org_public_idx ON disclosure_publication (organisation, published_at DESC, id)
    WHERE NOT drill;
