package dev.lossref.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every loss the service offers, by name, in the order of API.md. */
@Component
public class Catalog {

    /** The order of API.md's list of names, which is also the order of the story the catalog tells. */
    private static final List<String> ORDER = List.of("zero-one", "square", "exponential", "hinge",
            "binary-cross-entropy", "softmax-cross-entropy", "large-margin-softmax", "angular-softmax",
            "additive-margin-softmax", "arcface", "normface", "center", "focal", "contrastive", "triplet", "coco");

    private final Map<String, CatalogEntry> byName = new LinkedHashMap<>();

    public Catalog(List<CatalogEntry> entries) {
        entries.stream()
                .sorted(Comparator.comparingInt(entry -> rank(entry.descriptor().name())))
                .forEach(entry -> {
                    if (byName.put(entry.descriptor().name(), entry) != null) {
                        throw new IllegalStateException("two catalog entries are named " + entry.descriptor().name());
                    }
                });
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(byName.values());
    }

    public List<LossDescriptor> descriptors() {
        return byName.values().stream().map(CatalogEntry::descriptor).toList();
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<CatalogEntry> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The entry of that name, or {@link UnknownLossException} listing the known names. */
    public CatalogEntry require(String name) {
        return find(name).orElseThrow(() -> new UnknownLossException(name, names()));
    }

    private static int rank(String name) {
        int index = ORDER.indexOf(name);
        return index < 0 ? ORDER.size() : index;
    }
}
