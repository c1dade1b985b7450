/**
 * What one node may use of something a Tencent Cloud account has a fixed amount of across a NiFi cluster.
 * <p>
 * NiFi tells a component whether it is clustered and connected, but not how many nodes are: each node's controller
 * service therefore holds a lease in the service's cluster-scoped state ({@link dev.nifiocr.cluster.NodeLeases}, stored by
 * {@link dev.nifiocr.cluster.LeaseTable} and written with {@link dev.nifiocr.cluster.ClusterStateUpdater}'s
 * compare-and-set), and takes the fraction {@link dev.nifiocr.cluster.SharePolicy} gives for the live count and its
 * {@link dev.nifiocr.cluster.Membership}.
 * <p>
 * Rate limits use it today. Other per-account limits plug in the same way: a concurrent-job limit or a daily budget
 * subscribes to the {@link dev.nifiocr.cluster.AccountShare} for its node's part ({@code share.of(accountAmount)}), or,
 * where an even split wastes too much, leases blocks of a shared counter kept beside the leases in the same state with
 * {@link dev.nifiocr.cluster.ClusterStateUpdater#update}, which leaves keys it does not change alone.
 */
package dev.nifiocr.cluster;
