package dev.cairn.core.payment;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/** Port: the receiving wallet's incoming transfers, as a TON API reports them. */
public interface TonTransfers {
    /** The wallet purchases pay to, as a payer's wallet should be given it. */
    String receivingAddress();

    /**
     * Incoming transfers with a logical time above {@code afterLt} (all the API keeps when empty), oldest first.
     *
     * @throws IOException if the API cannot be reached or answers with an error
     */
    List<IncomingTransfer> after(OptionalLong afterLt) throws IOException;
}
