package dev.nifiocr.cluster;

/** Which fraction of an account-wide limit one node takes. Pure. */
public final class SharePolicy {

    private SharePolicy() {
    }

    /**
     * @param membership how the node stands towards its cluster now
     * @param liveNodes nodes holding a live lease, this one included, as last counted while connected (0 when never counted)
     * @param settled false for the first count after enabling, when other nodes may be enabling at the same moment and
     * not have written their lease yet
     * @return 1 standalone; 1 / live nodes while connected (1 / (live + 1) until settled); 1 / (last count + 1) while
     * disconnected, because the others take over this node's part once its lease expires while this node may still be sending
     */
    public static double fraction(final Membership membership, final int liveNodes, final boolean settled) {
        return switch (membership) {
            case STANDALONE -> 1.0;
            case CONNECTED -> 1.0 / (Math.max(1, liveNodes) + (settled ? 0 : 1));
            case DISCONNECTED -> 1.0 / (Math.max(1, liveNodes) + 1);
        };
    }
}
