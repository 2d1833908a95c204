-- Purchase intents expire and note when their license was granted; every TON transaction looked at is logged once.

-- When an unpaid intent stops being offered. Rows from before this migration get their creation plus an hour (what
-- they were never told), so the next expiry sweep retires the pending ones; new rows always carry their own.
ALTER TABLE payments ADD COLUMN expires_at timestamptz;
-- [jooq ignore start] (data, not schema: jOOQ's code generator only needs the column)
UPDATE payments SET expires_at = created_at + interval '1 hour' WHERE expires_at IS NULL;
-- [jooq ignore stop]
ALTER TABLE payments ALTER COLUMN expires_at SET NOT NULL;

-- When the license a paid intent bought was granted; NULL while paid is what start-up recovery finishes.
ALTER TABLE payments ADD COLUMN licensed_at timestamptz;
-- [jooq ignore start] (data: a paid row whose license exists was licensed when that license was granted)
UPDATE payments p SET licensed_at = l.granted_at FROM licenses l WHERE l.payment_id = p.id;
-- [jooq ignore stop]
ALTER TABLE payments ADD CONSTRAINT payments_licensed_was_paid CHECK (
    licensed_at IS NULL OR status IN ('paid', 'refunded'));

-- [jooq ignore start] (partial indexes: H2, on which jOOQ simulates the scripts, has none; no column comes of them)
-- Recovery: paid intents whose license was never noted, oldest payment first. Small: rows leave it within seconds.
CREATE INDEX payments_paid_unlicensed_idx ON payments (paid_at, id) WHERE status = 'paid' AND licensed_at IS NULL;
-- The expiry sweep: pending intents by expiry. Small too: intents are paid or expire within the hour.
CREATE INDEX payments_pending_expiry_idx ON payments (expires_at) WHERE status = 'pending';
-- [jooq ignore stop]

-- Every incoming transaction of the receiving wallet this node has looked at, and what it made of it: a transaction
-- is settled once (its hash is the key, and the charge id of the intent it paid), and polling resumes after the
-- highest lt logged.
CREATE TABLE ton_transfers (
    -- As the API gives it (toncenter v2: base64 of the 32-byte hash).
    hash           varchar(128) NOT NULL,
    -- Logical time: strictly increasing along the wallet's transactions.
    lt             bigint       NOT NULL,
    source         varchar(128) NOT NULL,
    -- In nanotons.
    amount         bigint       NOT NULL,
    -- The text comment, if the message carried one (the intent id it should name).
    comment        text,
    outcome        varchar(16)  NOT NULL,
    -- The transaction's time on chain, and when this node looked at it.
    transferred_at timestamptz  NOT NULL,
    seen_at        timestamptz  NOT NULL,
    CONSTRAINT ton_transfers_pk PRIMARY KEY (hash),
    CONSTRAINT ton_transfers_lt_non_negative CHECK (lt >= 0),
    CONSTRAINT ton_transfers_amount_non_negative CHECK (amount >= 0),
    CONSTRAINT ton_transfers_outcome_known CHECK (outcome IN (
        'licensed', 'duplicate', 'unknown_intent', 'already_paid', 'short', 'wrong_currency'))
);

-- The polling cursor is max(lt).
CREATE INDEX ton_transfers_lt_idx ON ton_transfers (lt);
