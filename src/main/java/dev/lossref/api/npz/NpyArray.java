package dev.lossref.api.npz;

/**
 * One array of an archive, widened to float64 (exactly, for float32 and integers up to 2^53) or kept as
 * text for a 0-d unicode array.
 *
 * @param name the entry's name without {@code .npy}
 * @param shape the shape, row-major ({@code []} for a 0-d array)
 * @param data the elements in row-major (C) order, whatever order the file stored them in
 * @param kind what the file's dtype was
 * @param text the string of a 0-d unicode array, else null
 */
public record NpyArray(String name, int[] shape, double[] data, Kind kind, String text) {

    /** The dtype families the service reads. */
    public enum Kind {
        FLOAT,
        INTEGER,
        BOOLEAN,
        STRING
    }

    /** The number of elements the shape declares. */
    public long size() {
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }
}
