/**
 * Coverage-guided fuzzing (Jazzer) of the entry points that parse what anyone may send: PDFs and TIFFs through
 * SplitDocument, images through CompressImage, the content checks of a request and Tencent's answers.
 * <p>
 * {@code ./mvnw verify} runs each class in a JVM of its own for the time its {@code @FuzzTest} allows (surefire execution
 * {@code fuzz}, {@code JAZZER_FUZZ=1}, -Xmx256m): first every input kept under {@code src/test/resources/dev/nifiocr/fuzz/<Class>Inputs},
 * the seeds and every crash found so far, then new inputs. {@code -Djazzer.fuzz=} runs the kept inputs only. A finding
 * fails the build and is written beside the seeds as {@code crash-<sha1>}: fix it and keep the file, it is a regression input.
 * {@link dev.nifiocr.fuzz.FuzzSeedsTest} writes the seeds.
 */
package dev.nifiocr.fuzz;
