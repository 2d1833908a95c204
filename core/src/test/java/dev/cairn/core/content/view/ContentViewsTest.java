package dev.cairn.core.content.view;

import static dev.cairn.core.content.view.DisplayPolicyTest.ARCHIVE;
import static dev.cairn.core.content.view.DisplayPolicyTest.BUYER;
import static dev.cairn.core.content.view.DisplayPolicyTest.FILM;
import static dev.cairn.core.content.view.DisplayPolicyTest.OWNER;
import static dev.cairn.core.content.view.DisplayPolicyTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryLicenseStore;
import dev.cairn.core.content.License;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.InMemoryDerivativeStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The use case: who the viewer is, read from the ports, and what may be served to them. */
class ContentViewsTest {
    final InMemoryContentStore contents = new InMemoryContentStore();
    final InMemoryDerivativeStore derivatives = new InMemoryDerivativeStore();
    final InMemoryLicenseStore licenses = new InMemoryLicenseStore();
    final InMemoryPriceStore prices = new InMemoryPriceStore();
    final ContentViews views = new ContentViews(contents, derivatives, licenses, prices);

    @Test
    void theViewerIsTheOwnerALicenseeAnotherUserOrAnonymous() {
        licenses.grant(new License(BUYER, ARCHIVE.id(), LicenseSource.GRANT, OptionalLong.empty(), T0));

        assertThat(views.viewer(ARCHIVE, OptionalLong.of(OWNER))).isEqualTo(Viewer.owner(OWNER));
        assertThat(views.viewer(ARCHIVE, OptionalLong.of(BUYER))).isEqualTo(Viewer.user(BUYER, true));
        assertThat(views.viewer(ARCHIVE, OptionalLong.of(99))).isEqualTo(Viewer.user(99, false));
        assertThat(views.viewer(ARCHIVE, OptionalLong.empty())).isEqualTo(Viewer.anonymous());
    }

    @Test
    void aViewIsOfARegisteredContentWithTheOwnersPrices() {
        contents.register(ARCHIVE);
        prices.set(ARCHIVE.id(), Prices.of(10, 20));

        assertThat(views.view(FILM.id(), OptionalLong.empty())).isEmpty();
        assertThat(views.view(ARCHIVE.id(), OptionalLong.of(BUYER))
                        .orElseThrow()
                        .purchaseOptions())
                .hasSize(2);
    }

    @Test
    void aRenditionIsServedOnlyWhenOfferedToTheViewerAndReady() throws Exception {
        assertThat(views.servable(ARCHIVE, DerivativeKind.ORIGINAL, OptionalLong.of(OWNER))
                        .blob())
                .contains(ARCHIVE.id());
        assertThatThrownBy(() -> views.servable(ARCHIVE, DerivativeKind.ORIGINAL, OptionalLong.of(BUYER)))
                .isInstanceOfSatisfying(
                        ContentViews.NotServable.class,
                        e -> assertThat(e.reason()).isEqualTo(ContentViews.NotServable.Reason.NOT_LICENSED));
        assertThatThrownBy(() -> views.servable(FILM, DerivativeKind.HIGH, OptionalLong.of(OWNER)))
                .isInstanceOfSatisfying(
                        ContentViews.NotServable.class,
                        e -> assertThat(e.reason()).isEqualTo(ContentViews.NotServable.Reason.NOT_READY));
    }

    @Test
    void aUsersUploadsAndPurchasesAreListedNewestFirstEachAsThatUserSeesIt() {
        contents.register(ARCHIVE);
        contents.register(FILM);
        ContentRecord others = DisplayPolicyTest.content(ContentKind.IMAGE, "image/png");
        var bought = new ContentRecord(
                others.id(),
                BUYER,
                others.kind(),
                others.mimeType(),
                others.size(),
                others.title(),
                others.fileName(),
                others.wrappedKey(),
                T0.plusSeconds(5),
                Optional.empty());
        contents.register(bought);
        licenses.grant(new License(OWNER, bought.id(), LicenseSource.GRANT, OptionalLong.empty(), T0.plusSeconds(60)));

        List<ListedContent> uploads = views.uploads(OWNER, Optional.empty(), 10);
        List<ListedContent> purchases = views.purchases(OWNER, Optional.empty(), 10);

        assertThat(uploads).extracting(l -> l.view().id()).containsExactlyInAnyOrder(ARCHIVE.id(), FILM.id());
        assertThat(uploads).extracting(ListedContent::at).containsOnly(T0);
        assertThat(uploads).extracting(l -> l.view().license()).containsOnly(LicenseState.OWNER);
        assertThat(purchases).singleElement().satisfies(l -> {
            assertThat(l.view().id()).isEqualTo(bought.id());
            assertThat(l.at()).isEqualTo(T0.plusSeconds(60));
            assertThat(l.view().license()).isEqualTo(LicenseState.LICENSED);
        });
        assertThat(views.uploads(BUYER, Optional.empty(), 10))
                .extracting(l -> l.view().id())
                .containsExactly(bought.id());
        assertThat(views.purchases(BUYER, Optional.empty(), 10)).isEmpty();
        assertThat(views.uploads(OWNER, Optional.empty(), 1)).hasSize(1);
    }
}
