-- The durable conversion queue and resumable (tus) uploads.

CREATE TABLE conversion_jobs (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    content_id      varchar(64) NOT NULL,
    derivative_kind varchar(16) NOT NULL,
    state           varchar(16) NOT NULL,
    attempts        integer     NOT NULL,
    max_attempts    integer     NOT NULL,
    -- A pending job is not claimed before this time: retries back off by moving it.
    next_attempt_at timestamptz NOT NULL,
    -- Which worker holds a running job, since when, and when it last said it is alive; a stale heartbeat lets
    -- another worker take the job back.
    claimed_by      varchar(128),
    claimed_at      timestamptz,
    heartbeat_at    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT conversion_jobs_pk PRIMARY KEY (id),
    CONSTRAINT conversion_jobs_content_fk FOREIGN KEY (content_id) REFERENCES contents (content_id) ON DELETE CASCADE,
    CONSTRAINT conversion_jobs_kind_known CHECK (derivative_kind IN ('preview', 'low', 'high', 'cover', 'original')),
    CONSTRAINT conversion_jobs_state_known CHECK (state IN ('pending', 'running', 'done', 'failed')),
    CONSTRAINT conversion_jobs_attempts_range CHECK (attempts >= 0 AND attempts <= max_attempts),
    CONSTRAINT conversion_jobs_max_attempts_positive CHECK (max_attempts > 0),
    CONSTRAINT conversion_jobs_running_is_claimed CHECK (
        state <> 'running' OR (claimed_by IS NOT NULL AND claimed_at IS NOT NULL AND heartbeat_at IS NOT NULL))
);

-- What a worker's claim scans: SELECT ... WHERE state = 'pending' AND next_attempt_at <= now
-- ORDER BY next_attempt_at, id LIMIT n FOR UPDATE SKIP LOCKED. Partial, so finished jobs never slow it down.
CREATE INDEX conversion_jobs_claimable_idx ON conversion_jobs (next_attempt_at, id) WHERE state = 'pending';
-- Finding running jobs whose worker stopped sending heartbeats.
CREATE INDEX conversion_jobs_running_idx ON conversion_jobs (heartbeat_at) WHERE state = 'running';
-- At most one open job per rendition, so enqueueing twice is harmless.
CREATE UNIQUE INDEX conversion_jobs_one_open_per_rendition
    ON conversion_jobs (content_id, derivative_kind) WHERE state IN ('pending', 'running');

CREATE TABLE upload_sessions (
    id            varchar(64) NOT NULL,
    owner_id      bigint      NOT NULL,
    upload_offset bigint      NOT NULL,
    -- NULL while the client defers the length (Upload-Defer-Length).
    upload_length bigint,
    -- The decoded Upload-Metadata pairs, as a JSON object of strings.
    metadata      jsonb       NOT NULL,
    -- tus concatenation: none, a partial upload, or a final upload assembled from partials.
    concatenation varchar(16) NOT NULL,
    -- The key the ciphertext is being written with, wrapped for this upload's id until the content is committed.
    wrapped_key   bytea,
    -- The content the finished upload became.
    content_id    varchar(64),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT upload_sessions_pk PRIMARY KEY (id),
    CONSTRAINT upload_sessions_owner_fk FOREIGN KEY (owner_id) REFERENCES users (telegram_id),
    CONSTRAINT upload_sessions_content_fk FOREIGN KEY (content_id) REFERENCES contents (content_id),
    CONSTRAINT upload_sessions_id_length CHECK (char_length(id) BETWEEN 16 AND 64),
    CONSTRAINT upload_sessions_offset_not_negative CHECK (upload_offset >= 0),
    CONSTRAINT upload_sessions_offset_within_length CHECK (upload_length IS NULL OR upload_offset <= upload_length),
    CONSTRAINT upload_sessions_concatenation_known CHECK (concatenation IN ('none', 'partial', 'final')),
    CONSTRAINT upload_sessions_finished_is_complete CHECK (
        content_id IS NULL OR (upload_length IS NOT NULL AND upload_offset = upload_length))
);

-- Expiry sweeps look only at unfinished uploads.
CREATE INDEX upload_sessions_expiry_idx ON upload_sessions (expires_at) WHERE content_id IS NULL;
CREATE INDEX upload_sessions_owner_idx ON upload_sessions (owner_id);

-- The partial uploads a final upload concatenates, in order.
CREATE TABLE upload_session_parts (
    final_upload_id   varchar(64) NOT NULL,
    position          integer     NOT NULL,
    partial_upload_id varchar(64) NOT NULL,
    CONSTRAINT upload_session_parts_pk PRIMARY KEY (final_upload_id, position),
    CONSTRAINT upload_session_parts_final_fk
        FOREIGN KEY (final_upload_id) REFERENCES upload_sessions (id) ON DELETE CASCADE,
    CONSTRAINT upload_session_parts_partial_fk FOREIGN KEY (partial_upload_id) REFERENCES upload_sessions (id),
    CONSTRAINT upload_session_parts_position_not_negative CHECK (position >= 0)
);
