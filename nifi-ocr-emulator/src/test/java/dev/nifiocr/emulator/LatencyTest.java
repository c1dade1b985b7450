package dev.nifiocr.emulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator's latency: written as on the command line, drawn within its bounds, and waited without a thread per request. */
class LatencyTest {

    @Test
    void readsWhatTheCommandLineSays() {
        assertEquals(Latency.fixed(Duration.ofSeconds(1)), Latency.parse("1s"));
        assertEquals(Latency.fixed(Duration.ofSeconds(1)), Latency.parse("1"));
        assertEquals(Latency.fixed(Duration.ofMillis(300)), Latency.parse("300ms"));
        assertEquals(Latency.uniform(Duration.ofMillis(300), Duration.ofSeconds(2)), Latency.parse("0.3-2s"));
        assertEquals(Latency.uniform(Duration.ofMillis(300), Duration.ofSeconds(2)), Latency.parse("300ms-2s"));
        assertThrows(IllegalArgumentException.class, () -> Latency.parse("2-1s"));
        assertThrows(IllegalArgumentException.class, () -> Latency.parse("fast"));
    }

    @Test
    void drawsEachWaitWithinItsBounds() {
        final Latency range = Latency.parse("0.3-2s");
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < 10_000; i++) {
            final long wait = range.next().toMillis();
            shortest = Math.min(shortest, wait);
            longest = Math.max(longest, wait);
        }
        assertTrue(shortest >= 300 && shortest < 400, "shortest " + shortest);
        assertTrue(longest <= 2000 && longest > 1900, "longest " + longest);
        assertEquals(Duration.ofSeconds(1), Latency.parse("1s").next());
    }

    /**
     * A hundred requests at once with 2 s of latency: all of them have arrived (and been read) before the first answer
     * leaves, which a server holding one of its 8 threads per waiting request could not do, and none is answered early.
     */
    @Test
    void aHundredRequestsWaitAtOnceAndNoneIsAnsweredEarly() throws Exception {
        final Duration latency = Duration.ofSeconds(2);
        try (TencentOcrEmulator emulator = new TencentOcrEmulator("AKIDlatency00000000000000000000000", "latency-key", 0);
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            emulator.latency(Latency.fixed(latency));
            final List<CompletableFuture<Long>> answers = new ArrayList<>();
            final long sent = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                final HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/")).header("X-TC-Action", "GeneralBasicOCR")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"ImageBase64\":\"AAAA\"}")).build();
                answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> System.nanoTime()));
            }
            final List<Long> answered = new ArrayList<>();
            for (final CompletableFuture<Long> answer : answers) {
                answered.add(answer.get());
            }

            final List<TencentOcrEmulator.Arrival> arrivals = emulator.arrivals();
            assertEquals(100, arrivals.size());
            final long lastArrival = arrivals.stream().mapToLong(TencentOcrEmulator.Arrival::nanos).max().orElseThrow();
            final long firstAnswer = answered.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertTrue(lastArrival < firstAnswer, "every request arrived before the first answer left");
            assertTrue(firstAnswer - sent >= latency.toNanos(), "no answer before its latency");
            assertTrue(arrivals.stream().allMatch(arrival -> "GeneralBasicOCR".equals(arrival.action())));
        }
    }
}
