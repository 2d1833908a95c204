/**
 * TON payment verification: {@link dev.cairn.adapters.telegram.ton.ToncenterTransfers} reads the receiving wallet's
 * incoming transfers from a toncenter-compatible v2 HTTP API behind core's {@link dev.cairn.core.payment.TonTransfers}.
 */
package dev.cairn.adapters.telegram.ton;
