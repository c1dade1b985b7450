package dev.nifiocr.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharePolicyTest {

    @Test
    void standaloneTakesTheWholeAccount() {
        assertEquals(1.0, SharePolicy.fraction(Membership.STANDALONE, 0));
        assertEquals(1.0, SharePolicy.fraction(Membership.STANDALONE, 5));
    }

    @Test
    void connectedNodesSplitEqually() {
        assertEquals(1.0, SharePolicy.fraction(Membership.CONNECTED, 1));
        assertEquals(0.5, SharePolicy.fraction(Membership.CONNECTED, 2));
        assertEquals(0.25, SharePolicy.fraction(Membership.CONNECTED, 4));
        assertEquals(1.0, SharePolicy.fraction(Membership.CONNECTED, 0));
    }

    @Test
    void aDisconnectedNodeLeavesRoomForTheOthersTakingOverItsShare() {
        assertEquals(1.0 / 3, SharePolicy.fraction(Membership.DISCONNECTED, 2));
        assertEquals(0.2, SharePolicy.fraction(Membership.DISCONNECTED, 4));
        assertEquals(0.5, SharePolicy.fraction(Membership.DISCONNECTED, 0));
    }
}
