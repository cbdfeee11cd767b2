package dev.lossref.core;

/**
 * One reason why an input is invalid.
 *
 * @param field the field path, such as {@code labels[3]} or {@code logits[2][7]}
 * @param message what is wrong, in words a client can act on
 */
public record Violation(String field, String message) {

    public static String path(String field, int index) {
        return field + "[" + index + "]";
    }

    public static String path(String field, int row, int col) {
        return field + "[" + row + "][" + col + "]";
    }

    /** {@code field[i][j]...}, one index per axis. */
    public static String path(String field, int[] index) {
        StringBuilder path = new StringBuilder(field);
        for (int i : index) {
            path.append('[').append(i).append(']');
        }
        return path.toString();
    }
}
