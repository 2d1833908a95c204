package dev.cairn.core.content.view;

import dev.cairn.core.id.ContentId;

/** Port: the prices owners set for their contents; {@link Prices#none()} for a content that is not for sale. */
public interface PriceStore {
    Prices of(ContentId content);

    void set(ContentId content, Prices prices);
}
