-- What owners ask for their contents. No row, or a row with neither price: not for sale.

CREATE TABLE content_prices (
    content_id  varchar(64) NOT NULL,
    -- Whole Stars (XTR); Telegram takes at most 100,000 in one invoice.
    stars       bigint,
    -- TON in nanotons.
    nanotons    bigint,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT content_prices_pk PRIMARY KEY (content_id),
    CONSTRAINT content_prices_content_fk FOREIGN KEY (content_id) REFERENCES contents (content_id) ON DELETE CASCADE,
    CONSTRAINT content_prices_stars_range CHECK (stars BETWEEN 1 AND 100000),
    CONSTRAINT content_prices_nanotons_positive CHECK (nanotons > 0)
);
