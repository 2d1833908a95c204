package dev.cairn.adapters.telegram.ton;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.payment.IncomingTransfer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the history, page size and cursor, a poll returns exactly the incoming transfers above the cursor. (An
 * item the API repeats within a page takes a place in it, so repeats are drawn only for pages of 3 or more: a page of
 * two holding the previous page's last item twice brings nothing new, and paging stops there.)
 */
class ToncenterPagingTest {
    @Test
    void aPollReturnsEveryIncomingTransferAboveTheCursorOnceOldestFirst() throws IOException {
        for (int seed = 0; seed < 150; seed++) {
            var random = new Random(seed);
            try (var ton = FakeToncenter.start(ToncenterTransfersTest.WALLET)) {
                int pageSize = ToncenterSettings.MIN_PAGE_SIZE + random.nextInt(7);
                int size = random.nextInt(30);
                List<FakeToncenter.Tx> incoming = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (random.nextInt(4) == 0) {
                        ton.send(ToncenterTransfersTest.OTHER, 1_000);
                    } else {
                        var tx = ton.receive(ToncenterTransfersTest.PAYER, 1 + random.nextInt(1_000_000), "c" + i);
                        if (pageSize >= 3 && random.nextInt(6) == 0) {
                            ton.repeatInPage(tx);
                        }
                        incoming.add(tx);
                    }
                }
                List<FakeToncenter.Tx> all = ton.transactions();
                OptionalLong cursor = all.isEmpty() || random.nextBoolean()
                        ? OptionalLong.empty()
                        : OptionalLong.of(all.get(random.nextInt(all.size())).lt());
                var settings = ToncenterSettings.of(ton.baseUrl(), ToncenterTransfersTest.WALLET, Optional.empty())
                        .withPaging(pageSize, 1_000);

                List<IncomingTransfer> got;
                try (var transfers = new ToncenterTransfers(settings.withPagePause(java.time.Duration.ZERO))) {
                    got = transfers.after(cursor);
                }

                List<String> expected = incoming.stream()
                        .filter(tx -> cursor.isEmpty() || tx.lt() > cursor.getAsLong())
                        .map(FakeToncenter.Tx::hash)
                        .toList();
                assertThat(got)
                        .as("seed %d, page size %d, cursor %s, %d transactions", seed, pageSize, cursor, all.size())
                        .extracting(IncomingTransfer::hash)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
