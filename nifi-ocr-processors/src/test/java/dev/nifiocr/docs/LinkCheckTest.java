package dev.nifiocr.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link and image in the repository's Markdown (README.md, docs/*.md, templates/README.md) points at a
 * file that exists and, with a {@code #fragment}, at a heading of that file (GitHub's anchors); and every docs/ page is
 * linked from README.md.
 */
class LinkCheckTest {

    /** The repository root: the tests run in nifi-ocr-processors/. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at a space (a title) or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    @Test
    void everyRelativeLinkAndImageResolves() throws IOException {
        final List<String> broken = new ArrayList<>();
        int checked = 0;
        for (final Path file : markdownFiles()) {
            for (final String target : links(file)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto:
                }
                checked++;
                final int hash = target.indexOf('#');
                final String path = hash < 0 ? target : target.substring(0, hash);
                final String anchor = hash < 0 ? null : target.substring(hash + 1);
                final Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(file) + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(ROOT.relativize(file) + ": " + target + " (no such heading in " + ROOT.relativize(resolved) + ")");
                }
            }
        }
        assertTrue(checked >= 40, "links checked: " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    void everyDocsPageIsLinkedFromTheReadme() throws IOException {
        final Set<Path> linked = new HashSet<>();
        final Path readme = ROOT.resolve("README.md");
        for (final String target : links(readme)) {
            final String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            if (!path.isEmpty() && !path.contains(":")) {
                linked.add(ROOT.resolve(path).normalize());
            }
        }
        final List<String> unlinked = new ArrayList<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted()
                    .filter(page -> !linked.contains(page)).forEach(page -> unlinked.add(ROOT.relativize(page).toString()));
        }
        assertEquals(List.of(), unlinked, "docs pages the README does not link to");
    }

    @Test
    void anchorsFollowGitHub() {
        assertEquals("ocr-id-cards-encryptedjson-id-cards-with-sensitive-data-encryption",
                slug("ocr-id-cards-encrypted.json: ID cards with sensitive data encryption"));
        assertEquals("your-first-flow-in-five-minutes", slug("Your first flow in five minutes"));
        assertEquals("cost-clusters-security", slug("Cost, clusters, security"));
        assertEquals("the-retry-relationship-and-nifis-own-retry", slug("The `retry` relationship and NiFi's own [retry]"));
    }

    private static List<Path> markdownFiles() throws IOException {
        final List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("templates/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** Link targets outside code blocks and code spans. */
    private static List<String> links(final Path file) throws IOException {
        final List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            final Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    private static Set<String> anchors(final Path file) throws IOException {
        final Set<String> anchors = new HashSet<>();
        if (!file.toString().endsWith(".md")) {
            return anchors;
        }
        boolean fenced = false;
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.matches("^#{1,6} .*")) {
                continue;
            }
            final String base = slug(line.replaceFirst("^#{1,6} ", ""));
            String anchor = base;
            for (int n = 1; !anchors.add(anchor); n++) {
                anchor = base + "-" + n;
            }
        }
        return anchors;
    }

    static String slug(final String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
