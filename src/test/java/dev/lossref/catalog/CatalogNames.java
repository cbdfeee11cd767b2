package dev.lossref.catalog;

import java.util.List;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The names of every loss in the catalog, found the way the application finds them (component
 * scanning), for parameterized tests that need them before the application context exists.
 */
final class CatalogNames {

    private CatalogNames() {}

    static List<String> all() {
        return entries().stream()
                .map(entry -> entry.descriptor().name())
                .sorted()
                .toList();
    }

    /** [loss name, example name] for every example of every loss whose gradient is the exact derivative. */
    static List<List<String>> examplesWithExactGradients() {
        return entries().stream()
                .sorted(java.util.Comparator.comparing(
                        entry -> entry.descriptor().name()))
                .flatMap(entry -> entry.descriptor().examples().stream()
                        .filter(Example::exactGradient)
                        .map(example -> List.of(entry.descriptor().name(), example.name())))
                .toList();
    }

    /** The names of the losses that return second derivatives (they declare hessians). */
    static List<String> withHessians() {
        return entries().stream()
                .filter(entry -> entry.descriptor().hyperparameter("hessians").isPresent())
                .map(entry -> entry.descriptor().name())
                .toList();
    }

    /** Every descriptor, in the catalog's order. */
    static List<LossDescriptor> descriptors() {
        return entries().stream()
                .map(CatalogEntry::descriptor)
                .sorted(LossDescriptor.CATALOG_ORDER)
                .toList();
    }

    private static List<CatalogEntry> entries() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(CatalogEntry.class));
        return scanner.findCandidateComponents("dev.lossref").stream()
                .map(definition -> instantiate(definition.getBeanClassName()))
                .toList();
    }

    private static CatalogEntry instantiate(String className) {
        try {
            var constructor = Class.forName(className).getDeclaredConstructor();
            constructor.setAccessible(true);
            return (CatalogEntry) constructor.newInstance();
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("cannot instantiate catalog entry " + className, failure);
        }
    }
}
