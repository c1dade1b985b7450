package dev.nifiocr.integration;

import java.util.List;

/** What the arrival times of requests (System.nanoTime, in order) say about the rate they were sent at. */
final class Arrivals {

    private Arrivals() {
    }

    /** Seconds from the first arrival to the last. */
    static double seconds(final List<Long> arrivals) {
        return arrivals.size() < 2 ? 0 : (arrivals.getLast() - arrivals.getFirst()) / 1e9;
    }

    /** The most arrivals within any one second. */
    static int busiestSecond(final List<Long> arrivals) {
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < arrivals.size(); last++) {
            while (arrivals.get(last) - arrivals.get(first) >= 1_000_000_000L) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }
}
