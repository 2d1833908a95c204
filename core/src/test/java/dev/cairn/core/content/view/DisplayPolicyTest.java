package dev.cairn.core.content.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The display policy, one test per row of its table and per status rule. */
class DisplayPolicyTest {
    static final long OWNER = 42;
    static final long BUYER = 7;
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final MasterKey MASTER = MasterKey.generate(new Random(1)::nextBytes);
    static final Prices PRICES = Prices.of(50, 1_500_000_000L);

    static final Viewer ANONYMOUS = Viewer.anonymous();
    static final Viewer STRANGER = Viewer.user(BUYER, false);
    static final Viewer LICENSEE = Viewer.user(BUYER, true);
    static final Viewer OWNER_VIEWER = Viewer.owner(OWNER);

    static ContentId id(String seed) {
        return new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
    }

    static ContentRecord content(ContentKind kind, String mime) {
        ContentId id = id(kind.wire());
        return new ContentRecord(
                id,
                OWNER,
                kind,
                mime,
                10_000,
                "A " + kind.wire(),
                Optional.of("file"),
                MASTER.wrap(ContentKey.generate(new Random(2)::nextBytes), KeyContext.content(id)),
                T0,
                Optional.empty());
    }

    static Derivative derivative(ContentRecord c, DerivativeKind kind, DerivativeStatus status, int progress) {
        boolean ready = status == DerivativeStatus.READY;
        ContentId blob = id(c.id().hex() + kind.wire());
        return new Derivative(
                c.id(),
                kind,
                status,
                ready ? 100 : progress,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                kind == DerivativeKind.PREVIEW
                        ? Optional.of(Duration.ofSeconds(30))
                        : Optional.of(Duration.ofMinutes(3)),
                ready ? OptionalLong.of(1000 + kind.ordinal()) : OptionalLong.empty(),
                ready ? Optional.of(blob) : Optional.empty(),
                // Public renditions are stored in the clear, licensed ones encrypted under their own key.
                ready && kind.requiresLicense()
                        ? Optional.of(
                                MASTER.wrap(ContentKey.generate(new Random(3)::nextBytes), KeyContext.content(blob)))
                        : Optional.empty(),
                status == DerivativeStatus.FAILED ? Optional.of("encoder: out of cheese") : Optional.empty(),
                T0);
    }

    static Derivative ready(ContentRecord c, DerivativeKind kind) {
        return derivative(c, kind, DerivativeStatus.READY, 100);
    }

    static final ContentRecord SONG = content(ContentKind.AUDIO, "audio/mpeg");
    static final ContentRecord FILM = content(ContentKind.VIDEO, "video/mp4");
    static final ContentRecord ARCHIVE = content(ContentKind.BINARY, "application/zip");
    static final ContentRecord PHOTO = content(ContentKind.IMAGE, "image/png");

    static final List<Derivative> SONG_READY = List.of(
            ready(SONG, DerivativeKind.PREVIEW),
            ready(SONG, DerivativeKind.LOW),
            ready(SONG, DerivativeKind.HIGH),
            ready(SONG, DerivativeKind.COVER));
    static final List<Derivative> FILM_READY = List.of(
            ready(FILM, DerivativeKind.PREVIEW),
            ready(FILM, DerivativeKind.LOW),
            ready(FILM, DerivativeKind.HIGH),
            ready(FILM, DerivativeKind.COVER));

    static List<DerivativeKind> kinds(ContentView view) {
        return view.displayOptions().stream().map(DisplayOption::kind).toList();
    }

    @Test
    void binaryWithoutLicenseHidesTheOriginalAndOffersThePurchase() {
        for (Viewer viewer : List.of(ANONYMOUS, STRANGER)) {
            ContentView view = DisplayPolicy.view(ARCHIVE, List.of(), viewer, PRICES);

            assertThat(view.displayOptions()).isEmpty();
            assertThat(view.downloadable()).isFalse();
            assertThat(view.license()).isEqualTo(LicenseState.UNLICENSED);
            assertThat(view.purchaseOptions())
                    .extracting(PurchaseOption::method, PurchaseOption::amount, PurchaseOption::currency)
                    .containsExactly(
                            tuple(PaymentMethod.STARS, 50L, "XTR"), tuple(PaymentMethod.TON, 1_500_000_000L, "TON"));
            assertThat(view.status()).isEqualTo(ViewStatus.READY);
        }
    }

    @Test
    void binaryWithLicenseOrToItsOwnerIsTheOriginalToDownloadDecrypted() {
        for (Viewer viewer : List.of(LICENSEE, OWNER_VIEWER)) {
            ContentView view = DisplayPolicy.view(ARCHIVE, List.of(), viewer, PRICES);

            assertThat(view.displayOptions()).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(DerivativeKind.ORIGINAL);
                assertThat(o.action()).isEqualTo(DisplayAction.DOWNLOAD);
                assertThat(o.licensed()).isTrue();
                assertThat(o.plainBlob()).isFalse();
                // The original of a binary is the content's own blob.
                assertThat(o.blob()).isEqualTo(ARCHIVE.id());
                assertThat(o.mimeType()).isEqualTo("application/zip");
                assertThat(o.bytes()).isEqualTo(10_000);
            });
            assertThat(view.downloadable()).isTrue();
            assertThat(view.purchaseOptions()).isEmpty();
        }
        assertThat(DisplayPolicy.view(ARCHIVE, List.of(), LICENSEE, PRICES).license())
                .isEqualTo(LicenseState.LICENSED);
        assertThat(DisplayPolicy.view(ARCHIVE, List.of(), OWNER_VIEWER, PRICES).license())
                .isEqualTo(LicenseState.OWNER);
    }

    @Test
    void audioAndVideoWithoutLicenseArePublicPreviewOnly() {
        for (var c : List.of(SONG, FILM)) {
            var rows = c == SONG ? SONG_READY : FILM_READY;
            for (Viewer viewer : List.of(ANONYMOUS, STRANGER)) {
                ContentView view = DisplayPolicy.view(c, rows, viewer, PRICES);

                assertThat(view.displayOptions()).singleElement().satisfies(o -> {
                    assertThat(o.kind()).isEqualTo(DerivativeKind.PREVIEW);
                    assertThat(o.action()).isEqualTo(DisplayAction.PLAY);
                    assertThat(o.licensed()).isFalse();
                    assertThat(o.plainBlob()).isTrue();
                });
                assertThat(view.downloadable()).isFalse();
                assertThat(view.purchaseOptions()).hasSize(2);
            }
        }
        assertThat(DisplayPolicy.view(SONG, SONG_READY, STRANGER, PRICES)
                        .displayOptions()
                        .getFirst()
                        .mimeType())
                .isEqualTo("audio/mp4");
        assertThat(DisplayPolicy.view(FILM, FILM_READY, STRANGER, PRICES)
                        .displayOptions()
                        .getFirst()
                        .mimeType())
                .isEqualTo("video/mp4");
    }

    @Test
    void audioAndVideoWithLicenseOrToTheOwnerAreDecryptedLowAndHigh() {
        for (var c : List.of(SONG, FILM)) {
            var rows = c == SONG ? SONG_READY : FILM_READY;
            for (Viewer viewer : List.of(LICENSEE, OWNER_VIEWER)) {
                ContentView view = DisplayPolicy.view(c, rows, viewer, PRICES);

                assertThat(view.displayOptions())
                        .extracting(DisplayOption::kind, DisplayOption::action, DisplayOption::licensed)
                        .containsExactly(
                                tuple(DerivativeKind.LOW, DisplayAction.PLAY, true),
                                tuple(DerivativeKind.HIGH, DisplayAction.PLAY, true));
                assertThat(view.purchaseOptions()).isEmpty();
                assertThat(view.status()).isEqualTo(ViewStatus.READY);
                assertThat(view.duration()).contains(Duration.ofMinutes(3));
                assertThat(view.cover()).map(DisplayOption::kind).contains(DerivativeKind.COVER);
            }
        }
    }

    @Test
    void imagesShowTheirPreviewToAllAndTheOriginalToDownloadWhenLicensed() {
        var rows = List.of(ready(PHOTO, DerivativeKind.PREVIEW));

        assertThat(kinds(DisplayPolicy.view(PHOTO, rows, STRANGER, PRICES))).containsExactly(DerivativeKind.PREVIEW);
        ContentView licensed = DisplayPolicy.view(PHOTO, rows, LICENSEE, PRICES);
        assertThat(licensed.displayOptions())
                .extracting(DisplayOption::kind, DisplayOption::action)
                .containsExactly(
                        tuple(DerivativeKind.PREVIEW, DisplayAction.SHOW),
                        tuple(DerivativeKind.ORIGINAL, DisplayAction.DOWNLOAD));
        assertThat(licensed.cover()).map(DisplayOption::kind).contains(DerivativeKind.PREVIEW);
    }

    @Test
    void derivativesNotReadyAreProcessingAndOnlyWhatIsReadyIsOffered() {
        var rows = List.of(
                ready(FILM, DerivativeKind.PREVIEW),
                derivative(FILM, DerivativeKind.LOW, DerivativeStatus.PROCESSING, 40),
                derivative(FILM, DerivativeKind.HIGH, DerivativeStatus.PENDING, 0));

        ContentView licensed = DisplayPolicy.view(FILM, rows, LICENSEE, PRICES);

        assertThat(licensed.status()).isEqualTo(ViewStatus.PROCESSING);
        assertThat(licensed.derivatives())
                .extracting(DerivativeState::kind, DerivativeState::status, DerivativeState::progressPercent)
                .containsExactly(
                        tuple(DerivativeKind.PREVIEW, ViewStatus.READY, 100),
                        tuple(DerivativeKind.LOW, ViewStatus.PROCESSING, 40),
                        tuple(DerivativeKind.HIGH, ViewStatus.PENDING, 0),
                        // Expected for every video and without a row yet: pending.
                        tuple(DerivativeKind.COVER, ViewStatus.PENDING, 0));
        // Neither low nor high is ready: a licensed viewer is given the preview meanwhile.
        assertThat(kinds(licensed)).containsExactly(DerivativeKind.PREVIEW);
        assertThat(licensed.cover()).isEmpty();

        var lowReady = List.of(
                ready(FILM, DerivativeKind.LOW),
                derivative(FILM, DerivativeKind.HIGH, DerivativeStatus.PROCESSING, 10));
        assertThat(kinds(DisplayPolicy.view(FILM, lowReady, LICENSEE, PRICES))).containsExactly(DerivativeKind.LOW);
        assertThat(kinds(DisplayPolicy.view(FILM, lowReady, STRANGER, PRICES))).isEmpty();
    }

    @Test
    void aMediaContentWithoutAnyRowIsPending() {
        ContentView view = DisplayPolicy.view(SONG, List.of(), STRANGER, PRICES);

        assertThat(view.status()).isEqualTo(ViewStatus.PENDING);
        assertThat(view.derivatives())
                .extracting(DerivativeState::kind)
                .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.LOW);
        assertThat(view.displayOptions()).isEmpty();
    }

    @Test
    void aFailureShowsItsReasonToTheOwnerOnlyAndANeutralStateToOthers() {
        var rows = List.of(
                ready(SONG, DerivativeKind.PREVIEW),
                derivative(SONG, DerivativeKind.LOW, DerivativeStatus.FAILED, 60),
                derivative(SONG, DerivativeKind.HIGH, DerivativeStatus.FAILED, 0));

        ContentView owner = DisplayPolicy.view(SONG, rows, OWNER_VIEWER, PRICES);
        assertThat(owner.status()).isEqualTo(ViewStatus.FAILED);
        assertThat(owner.derivatives())
                .filteredOn(d -> d.kind() == DerivativeKind.LOW)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo(ViewStatus.FAILED);
                    assertThat(d.failureReason()).contains("encoder: out of cheese");
                });

        for (Viewer viewer : List.of(ANONYMOUS, STRANGER, LICENSEE)) {
            ContentView other = DisplayPolicy.view(SONG, rows, viewer, PRICES);
            assertThat(other.status()).isEqualTo(ViewStatus.UNAVAILABLE);
            assertThat(other.derivatives())
                    .filteredOn(d -> d.kind() != DerivativeKind.PREVIEW)
                    .allSatisfy(d -> {
                        assertThat(d.status()).isEqualTo(ViewStatus.UNAVAILABLE);
                        assertThat(d.failureReason()).isEmpty();
                    });
            // What is ready is still offered.
            assertThat(kinds(other)).containsExactly(DerivativeKind.PREVIEW);
        }
    }

    @Test
    void aFailureWhileOthersAreStillMadeIsProcessing() {
        var rows = List.of(
                derivative(SONG, DerivativeKind.PREVIEW, DerivativeStatus.FAILED, 0),
                derivative(SONG, DerivativeKind.LOW, DerivativeStatus.PROCESSING, 5));

        assertThat(DisplayPolicy.view(SONG, rows, OWNER_VIEWER, PRICES).status())
                .isEqualTo(ViewStatus.PROCESSING);
    }

    @Test
    void nothingIsOfferedForSaleWithoutAPrice() {
        assertThat(DisplayPolicy.view(ARCHIVE, List.of(), STRANGER, Prices.none())
                        .purchaseOptions())
                .isEmpty();
        assertThat(DisplayPolicy.view(
                                ARCHIVE, List.of(), STRANGER, new Prices(OptionalLong.of(5), OptionalLong.empty()))
                        .purchaseOptions())
                .extracting(PurchaseOption::method)
                .containsExactly(PaymentMethod.STARS);
    }

    @Test
    void licensedRenditionsAreServedOnlyToTheLicensedAndPublicOnesToAll() {
        assertThat(DisplayPolicy.mayServe(FILM, DerivativeKind.HIGH, STRANGER)).isFalse();
        assertThat(DisplayPolicy.mayServe(FILM, DerivativeKind.HIGH, LICENSEE)).isTrue();
        assertThat(DisplayPolicy.mayServe(FILM, DerivativeKind.LOW, OWNER_VIEWER))
                .isTrue();
        assertThat(DisplayPolicy.mayServe(FILM, DerivativeKind.PREVIEW, ANONYMOUS))
                .isTrue();
        // A video has no original to offer; a binary no low.
        assertThat(DisplayPolicy.mayServe(FILM, DerivativeKind.ORIGINAL, OWNER_VIEWER))
                .isFalse();
        assertThat(DisplayPolicy.mayServe(ARCHIVE, DerivativeKind.LOW, OWNER_VIEWER))
                .isFalse();
        assertThat(DisplayPolicy.mayServe(ARCHIVE, DerivativeKind.ORIGINAL, LICENSEE))
                .isTrue();
        assertThat(DisplayPolicy.mayServe(ARCHIVE, DerivativeKind.ORIGINAL, STRANGER))
                .isFalse();
    }
}
