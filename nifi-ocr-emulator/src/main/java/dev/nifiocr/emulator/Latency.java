package dev.nifiocr.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the emulator takes to answer, as Tencent takes 0.3 to 2 seconds: none, a fixed time, or a time drawn
 * uniformly between two bounds for each request. The wait holds no thread (see {@link TencentOcrEmulator#latency}).
 *
 * @param min the shortest wait
 * @param max the longest wait, at least {@code min}
 */
public record Latency(Duration min, Duration max) {

    /** Answers at once. */
    public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)?(?:-(\\d+(?:\\.\\d+)?)(ms|s)?)?");

    public Latency {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("Latency needs 0 <= min <= max, not " + min + " to " + max);
        }
    }

    /** Every answer after exactly this long. */
    public static Latency fixed(final Duration latency) {
        return new Latency(latency, latency);
    }

    /** Each answer after a time drawn uniformly from min to max. */
    public static Latency uniform(final Duration min, final Duration max) {
        return new Latency(min, max);
    }

    /**
     * Reads a latency as written on the command line: {@code 1s}, {@code 300ms}, or a range {@code 0.3-2s} (the unit of
     * the upper bound applies to both when the lower has none), {@code 300ms-2s}; seconds when no unit is given.
     */
    public static Latency parse(final String text) {
        final Matcher matcher = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Latency [" + text + "] is not like 1s, 300ms or 0.3-2s");
        }
        final String upperUnit = matcher.group(4);
        final String lowerUnit = matcher.group(2) != null ? matcher.group(2) : upperUnit;
        final Duration lower = duration(matcher.group(1), lowerUnit);
        return matcher.group(3) == null ? fixed(lower) : uniform(lower, duration(matcher.group(3), upperUnit));
    }

    private static Duration duration(final String number, final String unit) {
        final double value = Double.parseDouble(number);
        return Duration.ofNanos(Math.round(value * ("ms".equals(unit) ? 1e6 : 1e9)));
    }

    /** The wait for the next answer. */
    public Duration next() {
        if (min.equals(max)) {
            return min;
        }
        return Duration.ofNanos(ThreadLocalRandom.current().nextLong(min.toNanos(), max.toNanos() + 1));
    }

    /** Whether answers wait at all. */
    public boolean waits() {
        return max.isPositive();
    }

    @Override
    public String toString() {
        return min.equals(max) ? min.toMillis() + " ms" : min.toMillis() + "-" + max.toMillis() + " ms";
    }
}
