-- The IPFS CID of each content, and a conversion queue with one job per content rather than per rendition.

-- A CIDv1 in lowercase base32 as Kubo prints it (dev.cairn.core.ipfs.Cid checks the same shape); NULL until Kubo has
-- added the blob, which may happen long after the upload when Kubo was down.
ALTER TABLE contents ADD COLUMN ipfs_cid varchar(201);
ALTER TABLE contents ADD CONSTRAINT contents_ipfs_cid_shape CHECK (ipfs_cid ~ '^b[a-z2-7]{20,200}$');

-- What the IPFS retry scans: contents without a CID, oldest first. Partial, so it shrinks as CIDs arrive; a deleted
-- content's blob may be gone, so it is never retried.
CREATE INDEX contents_without_cid_idx ON contents (created_at, content_id)
    WHERE ipfs_cid IS NULL AND status <> 'deleted';

-- A job asks for the renditions of a whole content (the worker reads which from the content's kind), so it names no
-- rendition: derivative_kind is NULL, and is kept only for a later job that redoes a single rendition.
ALTER TABLE conversion_jobs ALTER COLUMN derivative_kind DROP NOT NULL;

-- At most one open job per content, so enqueueing twice, even at once from two connections, is harmless. It holds
-- everything V3's per-rendition index held, so that one goes.
CREATE UNIQUE INDEX conversion_jobs_one_open_per_content
    ON conversion_jobs (content_id) WHERE state IN ('pending', 'running');
DROP INDEX conversion_jobs_one_open_per_rendition;
