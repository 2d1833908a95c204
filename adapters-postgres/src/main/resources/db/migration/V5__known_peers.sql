-- The peers this node has met, so that after a restart it can call them again even when its BOOTSTRAP_PEERS are gone.
-- Membership itself is soft state rebuilt by handshakes; this is only where to start dialling.

CREATE TABLE known_peers (
    node_id     varchar(64)  NOT NULL,
    -- The URL the peer said it is reached at (its node info's public_host), as given.
    public_host varchar(256) NOT NULL,
    last_seen   timestamptz  NOT NULL,
    CONSTRAINT known_peers_pk PRIMARY KEY (node_id),
    CONSTRAINT known_peers_node_id_is_hex CHECK (node_id ~ '^[0-9a-f]{64}$'),
    CONSTRAINT known_peers_host_length CHECK (char_length(public_host) BETWEEN 1 AND 256)
);

CREATE INDEX known_peers_last_seen_idx ON known_peers (last_seen);
