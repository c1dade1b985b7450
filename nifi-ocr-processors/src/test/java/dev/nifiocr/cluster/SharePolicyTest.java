package dev.nifiocr.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharePolicyTest {

    @Test
    void standaloneTakesTheWholeAccount() {
        assertEquals(1.0, SharePolicy.fraction(Membership.STANDALONE, 0, false));
        assertEquals(1.0, SharePolicy.fraction(Membership.STANDALONE, 5, true));
    }

    @Test
    void connectedNodesSplitEqually() {
        assertEquals(1.0, SharePolicy.fraction(Membership.CONNECTED, 1, true));
        assertEquals(0.5, SharePolicy.fraction(Membership.CONNECTED, 2, true));
        assertEquals(0.25, SharePolicy.fraction(Membership.CONNECTED, 4, true));
        assertEquals(1.0, SharePolicy.fraction(Membership.CONNECTED, 0, true));
    }

    @Test
    void theFirstCountAfterEnablingLeavesRoomForANodeEnablingAtTheSameMoment() {
        assertEquals(0.5, SharePolicy.fraction(Membership.CONNECTED, 1, false));
        assertEquals(1.0 / 3, SharePolicy.fraction(Membership.CONNECTED, 2, false));
    }

    @Test
    void aDisconnectedNodeLeavesRoomForTheOthersTakingOverItsShare() {
        assertEquals(1.0 / 3, SharePolicy.fraction(Membership.DISCONNECTED, 2, true));
        assertEquals(0.2, SharePolicy.fraction(Membership.DISCONNECTED, 4, true));
        assertEquals(0.5, SharePolicy.fraction(Membership.DISCONNECTED, 0, false));
    }
}
