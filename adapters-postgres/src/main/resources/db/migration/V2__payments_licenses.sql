-- Purchases (Telegram Stars, TON) and the licenses they, or an owner, grant.

CREATE TABLE payments (
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    user_id            bigint       NOT NULL,
    content_id         varchar(64)  NOT NULL,
    method             varchar(16)  NOT NULL,
    -- In the currency's smallest unit: whole Stars for XTR, nanotons for TON.
    amount             bigint       NOT NULL,
    currency           varchar(8)   NOT NULL,
    status             varchar(16)  NOT NULL,
    -- What this node put in the invoice (Stars invoice payload, TON transfer comment): how a payment is matched.
    payload            varchar(128) NOT NULL,
    -- Telegram's charge id for Stars, the transaction hash for TON: unique, so one charge never pays twice.
    provider_charge_id varchar(255),
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    paid_at            timestamptz,
    CONSTRAINT payments_pk PRIMARY KEY (id),
    CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (telegram_id),
    CONSTRAINT payments_content_fk FOREIGN KEY (content_id) REFERENCES contents (content_id),
    CONSTRAINT payments_payload_unique UNIQUE (payload),
    CONSTRAINT payments_provider_charge_unique UNIQUE (provider_charge_id),
    CONSTRAINT payments_method_known CHECK (method IN ('stars', 'ton')),
    CONSTRAINT payments_currency_fits_method CHECK (
        (method = 'stars' AND currency = 'XTR') OR (method = 'ton' AND currency = 'TON')),
    CONSTRAINT payments_amount_positive CHECK (amount > 0),
    CONSTRAINT payments_status_known CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'refunded')),
    CONSTRAINT payments_paid_has_charge CHECK (
        status NOT IN ('paid', 'refunded') OR (provider_charge_id IS NOT NULL AND paid_at IS NOT NULL))
);

CREATE INDEX payments_user_idx ON payments (user_id, created_at);
CREATE INDEX payments_content_idx ON payments (content_id);

CREATE TABLE licenses (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    user_id    bigint      NOT NULL,
    content_id varchar(64) NOT NULL,
    -- owner: the uploader; purchase: a paid payment; grant: given without payment (gift, promotion, support).
    granted_by varchar(16) NOT NULL,
    payment_id bigint,
    granted_at timestamptz NOT NULL,
    CONSTRAINT licenses_pk PRIMARY KEY (id),
    CONSTRAINT licenses_user_fk FOREIGN KEY (user_id) REFERENCES users (telegram_id),
    CONSTRAINT licenses_content_fk FOREIGN KEY (content_id) REFERENCES contents (content_id) ON DELETE CASCADE,
    CONSTRAINT licenses_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id),
    CONSTRAINT licenses_one_per_user_and_content UNIQUE (user_id, content_id),
    CONSTRAINT licenses_payment_unique UNIQUE (payment_id),
    CONSTRAINT licenses_granted_by_known CHECK (granted_by IN ('owner', 'purchase', 'grant')),
    CONSTRAINT licenses_purchase_has_payment CHECK ((granted_by = 'purchase') = (payment_id IS NOT NULL))
);

CREATE INDEX licenses_content_idx ON licenses (content_id);
