package dev.lossref.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every loss the service offers, by name, in the catalog's order: by family, then by rank within it. */
@Component
public class Catalog {

    private final Map<String, CatalogEntry> byName = new LinkedHashMap<>();

    public Catalog(List<CatalogEntry> entries) {
        java.util.Set<String> places = new java.util.HashSet<>();
        entries.stream()
                .sorted(Comparator.comparing(CatalogEntry::descriptor, LossDescriptor.CATALOG_ORDER))
                .forEach(entry -> {
                    if (byName.put(entry.descriptor().name(), entry) != null) {
                        throw new IllegalStateException("two catalog entries are named "
                                + entry.descriptor().name());
                    }
                    if (!places.add(entry.descriptor().family() + "/"
                            + entry.descriptor().rank())) {
                        throw new IllegalStateException(entry.descriptor().name() + " shares its family and rank");
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
}
