package dev.lossref.catalog;

import dev.lossref.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of an input, with named axes: {@code [N]}, {@code [N x C]}, {@code [N x T x C]}, {@code [N x C x
 * S1 .. Sk]} with one to three spatial axes, a number, or the shape of another input. Inputs that name the
 * same axis must agree on its length (labels [N] and logits [N x C] have as many rows); {@link
 * DeclaredInputs} checks it for every request.
 */
public sealed interface Shape {

    /** The last axis of {@link #of} meaning one to three spatial axes, S1 .. Sk. */
    String SPATIAL = "S...";

    /** The most spatial axes {@link #SPATIAL} stands for. */
    int MAX_SPATIAL_AXES = 3;

    /** An array with these axes; a last axis {@link #SPATIAL} stands for S1 .. Sk, k from 1 to 3. */
    static Shape of(String... axes) {
        return new Axes(List.of(axes));
    }

    /** A number. */
    static Shape scalar() {
        return new Axes(List.of());
    }

    /** Exactly the shape of another input. */
    static Shape like(String input) {
        return new Like(input);
    }

    /**
     * What a common axis name counts, for messages: ", the batch size" for N. The names are the papers' and
     * PyTorch's: N samples, C classes, d dimensions, T frames, S target positions, Q queries.
     */
    static String meaning(String symbol) {
        return switch (symbol) {
            case "N" -> ", the batch size";
            case "C" -> ", the number of classes";
            case "d" -> ", the dimension";
            case "T" -> ", the number of frames";
            case "S" -> ", the longest target";
            case "Q" -> ", the number of groups";
            default -> symbol.matches("S[1-9]") ? ", a spatial axis" : "";
        };
    }

    /** The shape in the catalog's notation: {@code [N x C]}, {@code number}, {@code the shape of predictions}. */
    String notation();

    /** Named axes, a number when there are none. */
    record Axes(List<String> names) implements Shape {

        public Axes {
            names = List.copyOf(names);
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(SPATIAL) && i != names.size() - 1) {
                    throw new IllegalArgumentException("the spatial axes come last: " + names);
                }
            }
            if (maxRank(names) > Tensor.MAX_RANK) {
                throw new IllegalArgumentException("a tensor has at most " + Tensor.MAX_RANK + " axes: " + names);
            }
        }

        public boolean spatial() {
            return !names.isEmpty() && names.get(names.size() - 1).equals(SPATIAL);
        }

        /** The named axes, with at least one spatial axis for {@link #SPATIAL}. */
        public int minRank() {
            return names.size();
        }

        public int maxRank() {
            return maxRank(names);
        }

        private static int maxRank(List<String> names) {
            boolean spatial = !names.isEmpty() && names.get(names.size() - 1).equals(SPATIAL);
            return names.size() - (spatial ? 1 : 0) + (spatial ? MAX_SPATIAL_AXES : 0);
        }

        public boolean accepts(int rank) {
            return rank >= minRank() && rank <= maxRank();
        }

        /** The name of each axis of an array of this rank: the spatial ones S1 .. Sk. */
        public List<String> symbols(int rank) {
            List<String> symbols = new ArrayList<>(names);
            if (spatial()) {
                symbols.remove(symbols.size() - 1);
                for (int k = 1; symbols.size() < rank; k++) {
                    symbols.add("S" + k);
                }
            }
            return symbols;
        }

        @Override
        public String notation() {
            if (names.isEmpty()) {
                return "number";
            }
            List<String> shown = new ArrayList<>(names);
            if (spatial()) {
                shown.set(shown.size() - 1, "S1 .. Sk");
            }
            return "[" + String.join(" x ", shown) + "]" + (spatial() ? " (k <= " + MAX_SPATIAL_AXES + ")" : "");
        }
    }

    /** The shape of another input. */
    record Like(String input) implements Shape {

        @Override
        public String notation() {
            return "the shape of " + input;
        }
    }
}
