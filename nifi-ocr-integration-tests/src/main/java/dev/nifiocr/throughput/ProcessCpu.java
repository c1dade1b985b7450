package dev.nifiocr.throughput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CPU time of a Linux process and of some of its threads, from /proc (clock ticks of 10 ms). */
final class ProcessCpu {

    /**
     * The threads that do a processor's work in NiFi: its Timer-Driven threads (which also commit sessions and write the
     * repositories), OkHttp's (which read answers and, for calls in flight, route and commit them) and the garbage
     * collector's. Linux names a thread by the first 15 characters of its Java name.
     */
    static final List<String> WORK_THREADS = List.of("Timer-Driven", "OkHttp", "GC Thread", "G1 ");

    private ProcessCpu() {
    }

    /** User plus system CPU of the whole process. */
    static long processNanos(final long pid) throws IOException {
        return statNanos(Path.of("/proc/" + pid + "/stat"));
    }

    /** The CPU of each of the process's threads whose names start with one of the prefixes, by thread id. */
    static Map<String, Long> threads(final long pid, final List<String> prefixes) throws IOException {
        final Map<String, Long> cpu = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (final Path task : tasks) {
                try {
                    final String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim();
                    if (prefixes.stream().anyMatch(name::startsWith)) {
                        cpu.put(task.getFileName().toString(), statNanos(task.resolve("stat")));
                    }
                } catch (final NoSuchFileException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return cpu;
    }

    /**
     * The CPU the threads spent between two readings: those alive at the second, less what they had at the first. A thread
     * that ended in between (OkHttp ends its threads after a minute idle) takes its CPU along, so it is left out rather
     * than counted negative.
     */
    static long spentBetween(final Map<String, Long> before, final Map<String, Long> after) {
        long spent = 0;
        for (final Map.Entry<String, Long> thread : after.entrySet()) {
            spent += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return spent;
    }

    /** The CPU of every thread of the process, by thread name with its digits left out (so a pool's threads add up). */
    static Map<String, Long> byName(final long pid) throws IOException {
        final Map<String, Long> cpu = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (final Path task : tasks) {
                try {
                    final String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim().replaceAll("[0-9]+", "#");
                    cpu.merge(name + " " + task.getFileName(), statNanos(task.resolve("stat")), Long::sum);
                } catch (final NoSuchFileException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return cpu;
    }

    /** utime plus stime (fields 14 and 15 of a /proc stat file). */
    private static long statNanos(final Path stat) throws IOException {
        final String text = Files.readString(stat, StandardCharsets.US_ASCII);
        final String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
    }
}
