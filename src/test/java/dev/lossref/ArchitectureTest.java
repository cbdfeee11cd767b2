package dev.lossref;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.LossRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The layering invariants of ARCHITECTURE.md, checked with ArchUnit on the compiled classes (their
 * real dependencies, fully qualified names and annotations included, not their import lines).
 */
class ArchitectureTest {

    /** A loss family's package, in the core or the catalog: any subpackage but the shared kernels. */
    private static final DescribedPredicate<JavaClass> IN_A_FAMILY = resideInAPackage("dev.lossref.core.*..")
            .and(resideOutsideOfPackage("dev.lossref.core.kernels.."))
            .or(resideInAPackage("dev.lossref.catalog.*.."))
            .as("a class of a loss family");

    private static final Path MAIN = Path.of("src/main/java/dev/lossref");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lossref");
    }

    @Test
    void coreDependsOnNothingButTheJdkAndItself() {
        classes()
                .that()
                .resideInAPackage("dev.lossref.core..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.lossref.core..", "java..", "jdk.incubator.vector..")
                .check(main);
    }

    /**
     * The incubating module is touched by the Vector API kernels alone, and nothing refers to them by
     * type (KernelChoice loads them by name), so a JVM without the module never links them.
     */
    @Test
    void onlyTheVectorKernelsUseTheIncubatingVectorApiAndNothingLinksThem() {
        DescribedPredicate<JavaClass> vectorKernel = resideInAPackage("dev.lossref.core.kernels")
                .and(simpleNameStartingWith("Vector"))
                .as("a Vector API kernel");
        noClasses()
                .that(DescribedPredicate.not(vectorKernel))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jdk.incubator.vector..")
                .check(main);
        noClasses()
                .that(DescribedPredicate.not(vectorKernel))
                .should()
                .dependOnClassesThat(vectorKernel)
                .check(main);
        assertThat(main.stream().filter(vectorKernel::test).map(JavaClass::getSimpleName))
                .containsExactlyInAnyOrder(
                        "VectorProductKernel",
                        "VectorDistanceKernel",
                        "VectorExponentials",
                        "VectorLogSumExpKernel",
                        "VectorSoftplusKernel");
    }

    @Test
    void sharedCoreKnowsNoLossFamily() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.lossref.core", "dev.lossref.core.kernels")
                .should()
                .dependOnClassesThat(IN_A_FAMILY)
                .check(main);
    }

    @Test
    void catalogDoesNotDependOnTheLayersAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("dev.lossref.catalog..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lossref.api..",
                        "dev.lossref.service..",
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "tools.jackson..")
                .check(main);
    }

    @Test
    void serviceKnowsNeitherHttpNorJsonNorTheApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.lossref.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.lossref.api..",
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "tools.jackson..",
                        "com.fasterxml.jackson..")
                .check(main);
    }

    @Test
    void nothingOutsideTheCatalogDependsOnALoss() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.lossref.catalog..", "dev.lossref.core..")
                .should()
                .dependOnClassesThat(IN_A_FAMILY)
                .check(main);
    }

    /** Names in strings escape the class graph, so the sources outside the catalog are read for them. */
    @Test
    void noStringOutsideTheCatalogNamesALoss() throws IOException {
        List<String> names =
                entries().stream().map(entry -> entry.descriptor().name()).toList();
        assertThat(names).contains("softmax-cross-entropy", "arcface");
        Pattern literal = Pattern.compile("\"(?:[^\"\\\\]++|\\\\.)*+\"");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path source : files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.startsWith(MAIN.resolve("catalog")) && !path.startsWith(MAIN.resolve("core")))
                    .toList()) {
                Matcher strings = literal.matcher(Files.readString(source));
                while (strings.find()) {
                    for (String name : names) {
                        assertThat(Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])")
                                        .matcher(strings.group())
                                        .find())
                                .as("%s names the loss %s in %s", source, name, strings.group())
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void everyCatalogEntryReadsIntoALossRequestWithExactlyItsDocumentedFields() {
        List<CatalogEntry> entries = entries();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(16);
        for (CatalogEntry entry : entries) {
            assertThat(LossRequest.class).as(entry.descriptor().name()).isAssignableFrom(entry.requestType());
            assertThat(entry.requestType().getEnclosingClass())
                    .as(entry.descriptor().name() + ": request beside its entry")
                    .isEqualTo(entry.getClass());
            List<String> components = Stream.of(entry.requestType().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName)
                    .toList();
            assertThat(components)
                    .as(entry.descriptor().name() + ": request fields = catalog fields")
                    .containsExactlyInAnyOrderElementsOf(entry.descriptor().fieldNames());
        }
    }

    private static List<CatalogEntry> entries() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(CatalogEntry.class));
        return scanner.findCandidateComponents("dev.lossref").stream()
                .map(candidate -> {
                    try {
                        var constructor =
                                Class.forName(candidate.getBeanClassName()).getDeclaredConstructor();
                        constructor.setAccessible(true);
                        return (CatalogEntry) constructor.newInstance();
                    } catch (ReflectiveOperationException failure) {
                        throw new IllegalStateException(failure);
                    }
                })
                .toList();
    }
}
