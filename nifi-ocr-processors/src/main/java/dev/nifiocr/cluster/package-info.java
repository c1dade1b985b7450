/**
 * Cluster membership, node leases in cluster state and this node's share of per-account limits.
 * <p>
 * NiFi tells a component whether it is clustered and connected, but not how many nodes are: each node's controller
 * service therefore holds a lease in the service's cluster-scoped state ({@link dev.nifiocr.cluster.LeaseTable}, written
 * with {@link dev.nifiocr.cluster.ClusterStateUpdater}'s compare-and-set). The lease carries which limits the node has
 * work for and which epoch of shares it has applied; {@link dev.nifiocr.cluster.NodeLeases} runs the protocol (a share
 * grows only after every holder has acknowledged lowering its own) and {@link dev.nifiocr.cluster.SharePolicy} computes
 * the shares. Asking NiFi for the membership can wait for NiFi's flow lock, so only the service's own thread asks
 * ({@link dev.nifiocr.cluster.MembershipWatch}); everyone else takes its last answer.
 * <p>
 * The account's rate limits (the {@code ratelimit} package) are steered through {@link dev.nifiocr.cluster.NodeLimits};
 * the daily budgets ({@code cost}) lease blocks of a counter kept beside the leases in the same state with
 * {@link dev.nifiocr.cluster.ClusterStateUpdater#update}, which leaves keys it does not change alone.
 */
package dev.nifiocr.cluster;
