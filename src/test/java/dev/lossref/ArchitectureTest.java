package dev.lossref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.LossRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** The layering invariants of ARCHITECTURE.md, checked on the sources. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/lossref");

    @Test
    void coreImportsNeitherSpringNorJacksonNorOtherLayers() throws IOException {
        assertThat(importsIn(MAIN.resolve("core")))
                .isNotEmpty()
                .noneMatch(line -> line.contains("org.springframework") || line.contains("tools.jackson")
                        || line.contains("com.fasterxml") || line.contains("dev.lossref.api")
                        || line.contains("dev.lossref.service") || line.contains("dev.lossref.catalog"));
    }

    @Test
    void serviceKnowsNeitherHttpNorJson() throws IOException {
        assertThat(importsIn(MAIN.resolve("service")))
                .noneMatch(line -> line.contains("org.springframework.web") || line.contains("jakarta.servlet")
                        || line.contains("tools.jackson") || line.contains("dev.lossref.api"));
    }

    @Test
    void noControllerOrSwitchNamesALoss() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("api"))) {
            List<Path> sources = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.toString().contains("/request/")).toList();
            for (Path source : sources) {
                assertThat(Files.readString(source)).as(source.toString())
                        .doesNotContain("\"softmax-cross-entropy\"", "\"arcface\"", "\"hinge\"");
            }
        }
    }

    @Test
    void everyCatalogEntryReadsIntoALossRequest() throws ReflectiveOperationException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(CatalogEntry.class));
        var candidates = scanner.findCandidateComponents("dev.lossref");
        assertThat(candidates).isNotEmpty();
        for (var candidate : candidates) {
            var constructor = Class.forName(candidate.getBeanClassName()).getDeclaredConstructor();
            constructor.setAccessible(true);
            CatalogEntry entry = (CatalogEntry) constructor.newInstance();
            assertThat(LossRequest.class).as(entry.descriptor().name()).isAssignableFrom(entry.requestType());
            List<String> components = Stream.of(entry.requestType().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).toList();
            assertThat(components).as(entry.descriptor().name() + ": request fields = catalog fields")
                    .containsExactlyInAnyOrderElementsOf(entry.descriptor().fieldNames());
        }
    }

    private static List<String> importsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(path -> path.toString().endsWith(".java")).flatMap(ArchitectureTest::lines)
                    .filter(line -> line.startsWith("import ")).toList();
        }
    }

    private static Stream<String> lines(Path path) {
        try {
            return Files.readAllLines(path).stream();
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
