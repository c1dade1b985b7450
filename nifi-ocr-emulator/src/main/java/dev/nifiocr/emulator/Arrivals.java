package dev.nifiocr.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * When requests arrived at the emulator, per Action, before any latency: what a test measures the senders' rate from.
 * Keeps the most recent {@value #CAPACITY}, so an emulator left running does not grow without bound.
 */
final class Arrivals {

    static final int CAPACITY = 100_000;

    private final ArrayDeque<TencentOcrEmulator.Arrival> recent = new ArrayDeque<>();

    synchronized void add(final String action) {
        if (recent.size() == CAPACITY) {
            recent.removeFirst();
        }
        recent.addLast(new TencentOcrEmulator.Arrival(System.nanoTime(), action));
    }

    synchronized List<TencentOcrEmulator.Arrival> all() {
        return new ArrayList<>(recent);
    }
}
