package dev.nifiocr.fuzz;

import org.apache.nifi.util.TestRunner;

import java.util.function.Supplier;

/** One configured runner, made anew every few hundred inputs so that what nifi-mock keeps (logs, counters) stays small. */
final class Runners {

    private static final int USES = 500;

    private final Supplier<TestRunner> factory;
    private TestRunner runner;
    private int uses;

    Runners(final Supplier<TestRunner> factory) {
        this.factory = factory;
    }

    TestRunner next() {
        if (runner == null || ++uses >= USES) {
            runner = factory.get();
            uses = 0;
        }
        return runner;
    }
}
