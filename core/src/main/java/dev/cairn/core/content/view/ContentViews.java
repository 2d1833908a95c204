package dev.cairn.core.content.view;

import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.LicenseStore;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.conversion.DerivativeStore;
import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The content view use case: gathers what {@link DisplayPolicy} decides on (the content, its derivatives, the
 * viewer's ownership and license, the owner's prices) from the ports, and answers whether a rendition may be served.
 */
public final class ContentViews {
    private final ContentStore contents;
    private final DerivativeStore derivatives;
    private final LicenseStore licenses;
    private final PriceStore prices;

    public ContentViews(ContentStore contents, DerivativeStore derivatives, LicenseStore licenses, PriceStore prices) {
        this.contents = Objects.requireNonNull(contents, "contents");
        this.derivatives = Objects.requireNonNull(derivatives, "derivatives");
        this.licenses = Objects.requireNonNull(licenses, "licenses");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    /** What {@code userId} (empty: an anonymous caller) may see of content {@code id}; empty if there is no such. */
    public Optional<ContentView> view(ContentId id, OptionalLong userId) {
        return contents.find(id).map(c -> DisplayPolicy.view(c, derivatives.of(id), viewer(c, userId), prices.of(id)));
    }

    /**
     * The contents {@code userId} uploaded, newest first, at most {@code limit} (created before {@code before} when
     * given: the next page), each as its owner sees it.
     */
    public List<ListedContent> uploads(long userId, Optional<Instant> before, int limit) {
        return contents.ownedBy(userId, before, limit).stream()
                .map(c -> new ListedContent(view(c, userId), c.createdAt()))
                .toList();
    }

    /**
     * The contents {@code userId} holds a license to (bought or granted), newest license first, at most {@code
     * limit} (granted before {@code before} when given), each as the licensee sees it. A license whose content is gone
     * is left out.
     */
    public List<ListedContent> purchases(long userId, Optional<Instant> before, int limit) {
        return licenses.heldBy(userId, before, limit).stream()
                .flatMap(l ->
                        contents.find(l.content()).stream().map(c -> new ListedContent(view(c, userId), l.grantedAt())))
                .toList();
    }

    private ContentView view(ContentRecord content, long userId) {
        OptionalLong user = OptionalLong.of(userId);
        return DisplayPolicy.view(
                content, derivatives.of(content.id()), viewer(content, user), prices.of(content.id()));
    }

    /** The viewer {@code userId} is to content {@code content}: owner, licensed, or neither. */
    public Viewer viewer(ContentRecord content, OptionalLong userId) {
        if (userId.isEmpty()) {
            return Viewer.anonymous();
        }
        long user = userId.getAsLong();
        if (user == content.ownerId()) {
            return Viewer.owner(user);
        }
        return Viewer.user(user, licenses.has(user, content.id()));
    }

    /** The content registered under {@code id}. */
    public Optional<ContentRecord> content(ContentId id) {
        return contents.find(id);
    }

    /**
     * Rendition {@code kind} of {@code content} if it may be served to {@code userId} (checked now, so a license
     * revoked since a URL was signed counts) and is ready.
     *
     * @throws NotServable saying why not
     */
    public Derivative servable(ContentRecord content, DerivativeKind kind, OptionalLong userId) throws NotServable {
        if (!DisplayPolicy.mayServe(content, kind, viewer(content, userId))) {
            throw new NotServable(
                    NotServable.Reason.NOT_LICENSED,
                    "the " + kind.wire() + " of " + content.id() + " is not offered to this user");
        }
        Derivative d =
                DisplayPolicy.renditions(content, derivatives.of(content.id())).get(kind);
        if (d == null || d.status() != DerivativeStatus.READY) {
            throw new NotServable(
                    NotServable.Reason.NOT_READY, "content " + content.id() + " has no ready " + kind.wire());
        }
        return d;
    }

    /** Why a rendition is not served. */
    public static final class NotServable extends Exception {
        private static final long serialVersionUID = 1L;

        /** Why. */
        public enum Reason {
            /** The viewer may not be served this rendition (no license, or the content's kind has none such). */
            NOT_LICENSED,
            /** There is no such rendition ready. */
            NOT_READY
        }

        private final Reason reason;

        NotServable(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
