package dev.lossref.catalog;

import java.util.List;

/** No loss of that name is in the catalog. */
public final class UnknownLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> knownNames;

    public UnknownLossException(String name, List<String> knownNames) {
        super("no loss is named '" + name + "'; the known losses are: " + String.join(", ", knownNames));
        this.knownNames = List.copyOf(knownNames);
    }

    public List<String> knownNames() {
        return knownNames;
    }
}
