package dev.nifiocr.cluster;

import org.apache.nifi.controller.NodeTypeProvider;

/** How this node stands towards its cluster, as far as sharing an account's limits is concerned. */
public enum Membership {
    /** Not configured as a cluster node: this node is the whole account's user. */
    STANDALONE,
    /** Connected: cluster-scoped state is the cluster's, leases are counted. */
    CONNECTED,
    /**
     * Configured for clustering but not connected (disconnected, connecting, or the state provider unreachable):
     * NiFi then silently serves cluster-scoped state from local state, so nothing written now is seen by the others.
     */
    DISCONNECTED;

    public static Membership of(final NodeTypeProvider provider) {
        if (provider.isConnected()) {
            return CONNECTED;
        }
        return provider.isConfiguredForClustering() || provider.isClustered() ? DISCONNECTED : STANDALONE;
    }
}
