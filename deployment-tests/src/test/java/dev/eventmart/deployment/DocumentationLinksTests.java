package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation stands on its own: every relative link of README.md and docs/ leads to a file of the repository
 * and every anchor to a heading of the page it names, and so does every mention of a page under docs/ in the code,
 * the build and the scripts (such as {@code docs/architecture.md#invariants} in a comment). Anchors follow GitHub's
 * rule: the heading in lower case, without punctuation, spaces as hyphens.
 */
class DocumentationLinksTests {

    /** The target of a Markdown link or image: {@code [text](target)}. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A page under docs/ named from anywhere, with its anchor if any; paths are from the repository's root. */
    private static final Pattern DOCS_REFERENCE = Pattern.compile("(?<![\\w/.])docs/[\\w./-]*[\\w/](#[\\w-]+)?");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s+(.+?)\\s*#*\\s*");
    private static final Set<String> NOT_SOURCES = Set.of(".git", ".run", "target", "results", "node_modules");
    private static final Set<String> TEXT_FILES = Set.of("md", "java", "xml", "yml", "yaml", "sql", "sh", "properties");

    @Test
    void everyLinkOfTheDocumentationResolves() {
        List<String> broken = new ArrayList<>();
        for (Path page : files(path -> path.toString().endsWith(".md"))) {
            Matcher link = MARKDOWN_LINK.matcher(read(page));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("[a-z]+:.*")) {
                    check(target.startsWith("#") ? page : page.getParent().resolve(target), page, target, broken);
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyMentionOfAPageUnderDocsResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : files(DocumentationLinksTests::isText)) {
            Matcher reference = DOCS_REFERENCE.matcher(read(file));
            while (reference.find()) {
                check(Repository.root().resolve(reference.group()), file, reference.group(), broken);
            }
        }
        assertThat(broken).as("mentions of docs/ that lead nowhere").isEmpty();
    }

    private static void check(Path target, Path from, String reference, List<String> broken) {
        String anchor = null;
        String path = target.toString();
        int hash = path.indexOf('#');
        if (hash >= 0) {
            anchor = path.substring(hash + 1);
            target = Path.of(path.substring(0, hash));
        }
        String where = Repository.root().relativize(from) + ": " + reference;
        if (!Files.exists(target.normalize())) {
            broken.add(where + " (no such file)");
        }
        else if (anchor != null && !anchors(target.normalize()).contains(anchor)) {
            broken.add(where + " (no such heading)");
        }
    }

    /** The anchors GitHub gives a page's headings; a repeated heading gets -1, -2, ... */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inCode = false;
        for (String line : read(page).split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inCode && heading.matches()) {
                String anchor = heading.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                        .replace(' ', '-');
                int repeats = seen.merge(anchor, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? anchor : anchor + "-" + repeats);
            }
        }
        return anchors;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return name.equals("Dockerfile") || TEXT_FILES.contains(name.substring(name.lastIndexOf('.') + 1));
    }

    private static List<Path> files(Predicate<Path> wanted) {
        try (Stream<Path> files = Files.walk(Repository.root())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        for (Path part : Repository.root().relativize(file)) {
                            if (NOT_SOURCES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(wanted)
                    .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
