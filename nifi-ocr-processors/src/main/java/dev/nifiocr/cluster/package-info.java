/**
 * Cluster membership, node leases in cluster state and this node's share of per-account limits.
 * <p>
 * NiFi tells a component whether it is clustered and connected, but not how many nodes are: each node's controller
 * service therefore holds a lease in the service's cluster-scoped state ({@link dev.nifiocr.cluster.NodeLeases}, written
 * with {@link dev.nifiocr.cluster.ClusterStateUpdater}'s compare-and-set), and takes the fraction
 * {@link dev.nifiocr.cluster.SharePolicy} gives for the live count and its {@link dev.nifiocr.cluster.Membership}. Asking
 * NiFi for the membership can wait for NiFi's flow lock, so only the service's own thread asks
 * ({@link dev.nifiocr.cluster.MembershipWatch}); everyone else takes its last answer.
 * <p>
 * The account's rate limits take this node's share (the {@code ratelimit} package); the daily budgets ({@code cost})
 * lease blocks of a counter kept beside the leases in the same state with
 * {@link dev.nifiocr.cluster.ClusterStateUpdater#update}, which leaves keys it does not change alone.
 */
package dev.nifiocr.cluster;
