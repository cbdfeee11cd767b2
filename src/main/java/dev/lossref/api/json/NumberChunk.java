package dev.lossref.api.json;

import java.util.Arrays;

/**
 * One chunk of a large JSON array of numbers, tokenised and parsed on its own by {@link NumberBlockParser}
 * up to its end or to the first token that cannot be there: its numbers, where each bracket stands among
 * them, its first and last tokens (for the join across chunks), and whether every number was written as
 * a JSON integer.
 */
final class NumberChunk {

    static final byte NONE = 0;
    static final byte OPEN = 1;
    static final byte CLOSE = 2;
    static final byte COMMA = 3;
    static final byte NUMBER = 4;

    private static final boolean[] NUMBER_BYTE = new boolean[256];
    /** Per token kind, the kinds that may follow it, as bits (a table: this runs once per token). */
    private static final int[] FOLLOWS = {
        0,
        1 << NUMBER | 1 << OPEN | 1 << CLOSE,
        1 << COMMA | 1 << CLOSE,
        1 << NUMBER | 1 << OPEN,
        1 << COMMA | 1 << CLOSE,
    };

    static {
        for (char c : "0123456789+-.eE".toCharArray()) {
            NUMBER_BYTE[c] = true;
        }
    }

    /** Whether token {@code next} may follow token {@code previous} in an array of numbers. */
    static boolean follows(byte previous, byte next) {
        return (FOLLOWS[previous] & (1 << next)) != 0;
    }

    static boolean numberByte(byte b) {
        return NUMBER_BYTE[b & 0xff];
    }

    byte firstKind = NONE;
    byte lastKind = NONE;
    /** Whether the chunk stopped before its end. */
    boolean stopped;

    boolean integral = true;
    double[] values;
    int numbers;
    /** Per bracket, in order: the numbers of this chunk before it, shifted left once, plus 1 for an opening one. */
    int[] brackets = new int[16];

    int[] bracketPositions = new int[16];
    int bracketCount;

    static NumberChunk scan(byte[] body, int from, int to, int maxNumberLength) {
        NumberChunk chunk = new NumberChunk();
        DecimalParser decimals = new DecimalParser(maxNumberLength);
        double[] values = new double[Math.max(16, (to - from) / 16)];
        int numbers = 0;
        boolean integral = true;
        byte previous = NONE;
        byte first = NONE;
        int pos = from;
        for (; pos < to; pos++) {
            byte b = body[pos];
            byte kind;
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            } else if (b == ',') {
                kind = COMMA;
            } else if (b == '[') {
                kind = OPEN;
            } else if (b == ']') {
                kind = CLOSE;
            } else if (numberByte(b)) {
                kind = NUMBER;
            } else {
                break;
            }
            if (previous != NONE && !follows(previous, kind)) {
                break;
            }
            if (kind == NUMBER) {
                int end = decimals.parse(body, pos, to);
                if (end < 0) {
                    break;
                }
                integral &= decimals.integral;
                if (numbers == values.length) {
                    values = Arrays.copyOf(values, numbers * 2);
                }
                values[numbers++] = decimals.value;
                pos = end - 1;
            } else if (kind != COMMA) {
                chunk.bracket(kind == OPEN, pos, numbers);
            }
            if (previous == NONE) {
                first = kind;
            }
            previous = kind;
        }
        chunk.stopped = pos < to;
        chunk.firstKind = first;
        chunk.lastKind = previous;
        chunk.values = values;
        chunk.numbers = numbers;
        chunk.integral = integral;
        return chunk;
    }

    private void bracket(boolean opening, int pos, int numbers) {
        if (bracketCount == brackets.length) {
            brackets = Arrays.copyOf(brackets, bracketCount * 2);
            bracketPositions = Arrays.copyOf(bracketPositions, bracketCount * 2);
        }
        bracketPositions[bracketCount] = pos;
        brackets[bracketCount++] = numbers << 1 | (opening ? 1 : 0);
    }
}
