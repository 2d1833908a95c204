-- The decentralized layer's local state: the current record of each DHT key, and the blobs this node keeps.

CREATE TABLE dht_records (
    -- The key's wire form, e.g. v1/meta/<content id hex>.
    dht_key                varchar(128) NOT NULL,
    kind                   varchar(16)  NOT NULL,
    -- The signed record's wire form (canonical JSON, docs/protocol.md): the source of truth, re-verified on read.
    record_json            text         NOT NULL,
    -- Copies of the record's dominance and of the key's parts, for inspection and for sweeps (old metric windows).
    dominance_counter      bigint       NOT NULL,
    dominance_timestamp_ms bigint       NOT NULL,
    dominance_node_id      varchar(64)  NOT NULL,
    content_id             varchar(64),
    window_start           bigint,
    updated_at             timestamptz  NOT NULL,
    CONSTRAINT dht_records_pk PRIMARY KEY (dht_key),
    CONSTRAINT dht_records_key_length CHECK (char_length(dht_key) BETWEEN 1 AND 128),
    CONSTRAINT dht_records_kind_known CHECK (kind IN ('meta', 'membership', 'metric')),
    CONSTRAINT dht_records_counter_not_negative CHECK (dominance_counter >= 0),
    CONSTRAINT dht_records_node_id_is_hex CHECK (dominance_node_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT dht_records_content_id_is_hex CHECK (content_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT dht_records_window_only_for_metrics CHECK ((kind = 'metric') = (window_start IS NOT NULL))
);

CREATE INDEX dht_records_content_idx ON dht_records (content_id);
CREATE INDEX dht_records_metric_window_idx ON dht_records (window_start) WHERE kind = 'metric';

CREATE TABLE blob_pins (
    blob_id    varchar(64) NOT NULL,
    -- upload: this node's own content; derivative: a rendition of one; replica: a lease from a content's leader;
    -- cache: kept after serving, may be dropped any time.
    reason     varchar(16) NOT NULL,
    size_bytes bigint,
    pinned_at  timestamptz NOT NULL,
    -- When the pin lapses unless renewed (replica leases); NULL for pins that last until removed.
    expires_at timestamptz,
    CONSTRAINT blob_pins_pk PRIMARY KEY (blob_id, reason),
    CONSTRAINT blob_pins_blob_id_is_hex CHECK (blob_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT blob_pins_reason_known CHECK (reason IN ('upload', 'derivative', 'replica', 'cache')),
    CONSTRAINT blob_pins_size_not_negative CHECK (size_bytes >= 0)
);

CREATE INDEX blob_pins_expiry_idx ON blob_pins (expires_at) WHERE expires_at IS NOT NULL;
