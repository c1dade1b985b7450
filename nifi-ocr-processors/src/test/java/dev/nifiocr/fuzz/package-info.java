/**
 * Coverage-guided fuzzing (Jazzer) of the entry points that parse what anyone may send: PDFs and TIFFs through
 * SplitDocument, images through CompressImage, Tencent's answers and the content checks of a request
 * ({@link dev.nifiocr.fuzz.EntryPointsFuzzTest}).
 * <p>
 * {@code ./mvnw verify} runs it in a JVM of its own (surefire execution {@code fuzz}: {@code JAZZER_FUZZ=1}, -Xmx256m): first
 * every input kept under {@code src/test/resources/dev/nifiocr/fuzz/EntryPointsFuzzTestInputs}, the seeds and the crashes
 * found so far, then new inputs for the time its {@code @FuzzTest} allows. {@code -Djazzer.fuzz=} replays the kept inputs
 * only. A finding fails the build and is written beside the seeds as {@code crash-<sha1>}: fix it and keep the file, it is
 * a regression input. {@link dev.nifiocr.fuzz.FuzzSeedsTest} writes the seeds.
 */
package dev.nifiocr.fuzz;
