-- Users, their contents and the renditions derived from them.
--
-- Conventions for every migration of this schema (later features add migrations, never edit these):
-- * ids of blobs and nodes (ContentId, NodeId, a rendition's blob id) are their wire form, 64 lowercase hex digits,
--   checked by a constraint (bytea would halve them, but jOOQ's build-time schema cannot index bytea columns);
-- * closed sets of values are text with a named CHECK constraint rather than enum types, so a later migration can
--   widen one with DROP CONSTRAINT / ADD CONSTRAINT in a single transaction;
-- * times are timestamptz, written by the application from its Clock;
-- * the DDL stays inside what jOOQ's parser understands, because the jOOQ classes are generated from these files.

CREATE TABLE users (
    telegram_id   bigint      NOT NULL,
    first_name    text        NOT NULL,
    last_name     text,
    username      varchar(64),
    language_code varchar(35),
    is_premium    boolean     NOT NULL,
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (telegram_id),
    CONSTRAINT users_telegram_id_positive CHECK (telegram_id > 0),
    CONSTRAINT users_seen_in_order CHECK (first_seen <= last_seen)
);

CREATE INDEX users_username_idx ON users (username);

CREATE TABLE contents (
    content_id    varchar(64)  NOT NULL,
    owner_id      bigint       NOT NULL,
    kind          varchar(16)  NOT NULL,
    mime_type     varchar(255) NOT NULL,
    size_bytes    bigint       NOT NULL,
    title         text         NOT NULL,
    file_name     text,
    -- The content key, wrapped by the node master key (docs/encryption.md); never the key itself.
    wrapped_key   bytea        NOT NULL,
    -- Copied out of wrapped_key's header for inspection and for a future re-wrap: format version, master key id.
    key_version   smallint     NOT NULL,
    master_key_id bytea        NOT NULL,
    status        varchar(16)  NOT NULL,
    created_at    timestamptz  NOT NULL,
    CONSTRAINT contents_pk PRIMARY KEY (content_id),
    CONSTRAINT contents_owner_fk FOREIGN KEY (owner_id) REFERENCES users (telegram_id),
    CONSTRAINT contents_id_is_hex CHECK (content_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT contents_kind_known CHECK (kind IN ('audio', 'video', 'image', 'binary')),
    CONSTRAINT contents_size_not_negative CHECK (size_bytes >= 0),
    CONSTRAINT contents_wrapped_key_has_header CHECK (octet_length(wrapped_key) > 5),
    CONSTRAINT contents_key_version_positive CHECK (key_version > 0),
    CONSTRAINT contents_master_key_id_length CHECK (octet_length(master_key_id) = 4),
    -- active: listed and served; hidden: kept but unlisted by its owner; deleted: a tombstone, the blob may be gone.
    CONSTRAINT contents_status_known CHECK (status IN ('active', 'hidden', 'deleted'))
);

CREATE INDEX contents_owner_idx ON contents (owner_id, created_at);

CREATE TABLE derivatives (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    content_id       varchar(64) NOT NULL,
    kind             varchar(16) NOT NULL,
    status           varchar(16) NOT NULL,
    progress_percent smallint    NOT NULL,
    codec            text,
    bitrate_bps      bigint,
    width            integer,
    height           integer,
    duration_ms      bigint,
    size_bytes       bigint,
    -- The rendition's own blob: its BLAKE3 id and its key, wrapped like a content's.
    blob_id          varchar(64),
    wrapped_key      bytea,
    failure_reason   text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT derivatives_pk PRIMARY KEY (id),
    CONSTRAINT derivatives_content_fk FOREIGN KEY (content_id) REFERENCES contents (content_id) ON DELETE CASCADE,
    -- One current rendition of each kind; a re-conversion updates the row.
    CONSTRAINT derivatives_one_per_kind UNIQUE (content_id, kind),
    CONSTRAINT derivatives_kind_known CHECK (kind IN ('preview', 'low', 'high', 'cover', 'original')),
    CONSTRAINT derivatives_status_known CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
    CONSTRAINT derivatives_progress_range CHECK (progress_percent BETWEEN 0 AND 100),
    CONSTRAINT derivatives_bitrate_positive CHECK (bitrate_bps > 0),
    CONSTRAINT derivatives_width_positive CHECK (width > 0),
    CONSTRAINT derivatives_height_positive CHECK (height > 0),
    CONSTRAINT derivatives_duration_not_negative CHECK (duration_ms >= 0),
    CONSTRAINT derivatives_size_not_negative CHECK (size_bytes >= 0),
    CONSTRAINT derivatives_blob_id_is_hex CHECK (blob_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT derivatives_ready_has_blob CHECK (
        status <> 'ready'
        OR (blob_id IS NOT NULL AND size_bytes IS NOT NULL AND wrapped_key IS NOT NULL AND progress_percent = 100)),
    CONSTRAINT derivatives_failed_has_reason CHECK (status <> 'failed' OR failure_reason IS NOT NULL)
);

CREATE INDEX derivatives_blob_idx ON derivatives (blob_id);
