package dev.nifiocr.cluster;

import java.util.function.DoubleConsumer;

/**
 * This node's part of what a Tencent Cloud account has a fixed amount of across the whole cluster: requests per second
 * today; concurrent document jobs or a daily budget can take their node's part the same way ({@code of(accountAmount)}),
 * or lease blocks of a shared counter with {@link ClusterStateUpdater}.
 */
interface AccountShare {

    /** The fraction of the account this node may use now, in (0, 1]. */
    double fraction();

    /** Calls {@code listener} with the fraction now and again whenever it changes. */
    void subscribe(DoubleConsumer listener);

    /** This node's part of an amount the whole account has. */
    default double of(final double accountAmount) {
        return accountAmount * fraction();
    }
}
