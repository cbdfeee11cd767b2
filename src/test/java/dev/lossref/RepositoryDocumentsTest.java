package dev.lossref;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository is self-contained: a user who clones it has every document it points to. No file
 * names the steering folder outside it, and every relative link of the Markdown documents resolves to a
 * file of the repository (and to a heading of it, where the link names one).
 */
class RepositoryDocumentsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".mvn");
    /** Written in two parts, so that this file does not name it. */
    private static final String OUTSIDE = ".." + "/shared";

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void noFileNamesTheFolderOutsideTheRepository() throws IOException {
        List<String> naming = new ArrayList<>();
        for (Path file : files()) {
            String text = text(file);
            if (text != null && text.contains(OUTSIDE)) {
                naming.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(naming).as("files that name %s", OUTSIDE).isEmpty();
    }

    @Test
    void everyRelativeLinkOfTheDocumentsResolvesInsideTheRepository() throws IOException {
        List<Path> documents =
                files().stream().filter(file -> file.toString().endsWith(".md")).toList();
        assertThat(documents).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/http-api.md"));
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher links = LINK.matcher(Files.readString(document));
            while (links.find()) {
                String link = links.group(1);
                if (link.matches("[a-z]+:.*")) {
                    continue;
                }
                String[] parts = link.split("#", 2);
                Path target = parts[0].isEmpty()
                        ? document
                        : document.getParent().resolve(parts[0]).normalize();
                if (!target.startsWith(ROOT) || !Files.exists(target)) {
                    broken.add(ROOT.relativize(document) + ": " + link + " (no such file)");
                } else if (parts.length == 2
                        && target.toString().endsWith(".md")
                        && !anchors(target).contains(parts[1])) {
                    broken.add(ROOT.relativize(document) + ": " + link + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links that do not resolve").isEmpty();
    }

    /** GitHub's anchors of a document's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path document) throws IOException {
        try (Stream<String> lines = Files.lines(document)) {
            return lines.filter(line -> line.startsWith("#"))
                    .map(line -> line.replaceFirst("^#+\\s*", "")
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^a-z0-9 _-]", "")
                            .replace(' ', '-'))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> paths = Files.walk(ROOT)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> ROOT.relativize(path).toString().split("/").length > 0)
                    .filter(path -> {
                        for (Path part : ROOT.relativize(path)) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        }
    }

    /** The file's text, or null for a binary file. */
    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return null;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
