package dev.lossref.api.json;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Parses one large JSON array of numbers (a vector, a matrix or a rank-3 tensor) on all cores, in one
 * pass over its bytes, without knowing in advance where it ends.
 *
 * <p>The body from the array's opening bracket on is cut into chunks at token boundaries, a wave of
 * chunks at a time. Each chunk is tokenised and its numbers parsed on its own (FastDoubleParser's strict
 * JSON grammar, correctly rounded as Jackson's): it checks that every token may follow the one before,
 * notes where each bracket stands among its numbers, and stops at the first byte that cannot belong to
 * an array of numbers. A sequential join then follows the brackets across the chunks in order: the
 * grammar across chunk boundaries, the depth at which numbers sit (the rank), that every array of a
 * level has as many elements as the first (the shape), and where the outermost array closes. Chunks of
 * the wave past that point were wasted work (at most one wave, a few megabytes).
 *
 * <p>Whatever is not a clean rectangular array of finite numbers gives {@code null}: the caller leaves
 * it to Jackson and the strict readers, which describe the problem with its field and index.
 */
final class NumberBlockParser {

    private static final int CHUNK_BYTES = 1 << 19;
    private static final int FIRST_CHUNK_BYTES = 1 << 15;
    private static final int MAX_RANK = 3;

    private static final byte NONE = 0;
    private static final byte OPEN = 1;
    private static final byte CLOSE = 2;
    private static final byte COMMA = 3;
    private static final byte NUMBER = 4;

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

        private NumberBlockParser() {
    }

    /** A parsed array and the position just after its closing bracket. */
    record Parsed(NumberBlock block, int end) {
    }

    /**
     * Parses the array whose opening bracket is at {@code start}, or returns {@code null} when it is not
     * a clean rectangular array of at most {@code maxElements} finite numbers, each of at most
     * {@code maxNumberLength} characters.
     *
     * @throws TooManyElementsException if it holds more than {@code maxElements} numbers
     */
    static Parsed parse(byte[] body, int start, int maxNumberLength, long maxElements) {
        Join join = new Join(maxElements);
        int chunksPerWave = 2 * Runtime.getRuntime().availableProcessors();
        int chunkBytes = FIRST_CHUNK_BYTES;
        for (int from = start; from < body.length; chunkBytes = CHUNK_BYTES) {
            int[] bounds = chunkBounds(body, from, chunkBytes, chunksPerWave);
            Chunk[] chunks = new Chunk[bounds.length - 1];
            IntStream.range(0, chunks.length).parallel()
                    .forEach(k -> chunks[k] = Chunk.scan(body, bounds[k], bounds[k + 1], maxNumberLength));
            for (Chunk chunk : chunks) {
                int end = join.add(chunk);
                if (end != 0) {
                    return end < 0 ? null : new Parsed(join.block(), end);
                }
            }
            from = bounds[bounds.length - 1];
        }
        return null;
    }

    /** Up to {@code count} chunk boundaries from {@code from}, never inside a number. */
    private static int[] chunkBounds(byte[] body, int from, int chunkBytes, int count) {
        int[] bounds = new int[count + 1];
        bounds[0] = from;
        int used = 1;
        for (int i = 1; i <= count && bounds[used - 1] < body.length; i++) {
            int p = (int) Math.min(body.length, (long) bounds[used - 1] + chunkBytes);
            while (p < body.length && NUMBER_BYTE[body[p - 1] & 0xff] && NUMBER_BYTE[body[p] & 0xff]) {
                p++;
            }
            bounds[used++] = p;
        }
        return Arrays.copyOf(bounds, used);
    }

    /** Whether token {@code next} may follow token {@code previous} in an array of numbers. */
    private static boolean follows(byte previous, byte next) {
        return (FOLLOWS[previous] & (1 << next)) != 0;
    }

    /** One chunk, tokenised and parsed up to its end or to the first token that cannot be there. */
    private static final class Chunk {
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

        static Chunk scan(byte[] body, int from, int to, int maxNumberLength) {
            Chunk chunk = new Chunk();
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
                } else if (NUMBER_BYTE[b & 0xff]) {
                    kind = NUMBER;
                } else {
                    break;
                }
                if (previous != NONE && !follows(previous, kind)) {
                    break;
                }
                if (kind == NUMBER) {
                    int end = pos + 1;
                    while (end < to && NUMBER_BYTE[body[end] & 0xff]) {
                        end++;
                    }
                    double value = end - pos > maxNumberLength ? Double.NaN : parseFinite(body, pos, end);
                    if (Double.isNaN(value)) {
                        break;
                    }
                    if (integral && !isInteger(body, pos, end)) {
                        integral = false;
                    }
                    if (numbers == values.length) {
                        values = Arrays.copyOf(values, numbers * 2);
                    }
                    values[numbers++] = value;
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

        /** The number's value, or NaN when it is not a finite JSON number. */
        private static double parseFinite(byte[] body, int from, int to) {
            try {
                double value = JsonDoubleParser.parseDouble(body, from, to - from);
                return Double.isFinite(value) ? value : Double.NaN;
            } catch (NumberFormatException malformed) {
                return Double.NaN;
            }
        }

        private static boolean isInteger(byte[] body, int from, int to) {
            for (int p = from; p < to; p++) {
                if (body[p] == '.' || body[p] == 'e' || body[p] == 'E') {
                    return false;
                }
            }
            return true;
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

    /**
     * Follows the chunks in order: the grammar across their boundaries, the depth of the numbers (the
     * rank), the number of elements of every array of each level (the shape), and the outermost close.
     */
    private static final class Join {
        private final long maxElements;
        private final long[] children = new long[MAX_RANK + 2];
        private final long[] width = new long[MAX_RANK + 2];
        private final List<Chunk> parts = new ArrayList<>();
        private int depth;
        private int numberDepth = -1;
        private boolean integral = true;
        private long base;
        private long counted;
        private byte previous = NONE;

        Join(long maxElements) {
            this.maxElements = maxElements;
            Arrays.fill(width, -1);
        }

        /** Takes the next chunk: 0 to go on, the array's end once it closes, -1 if it is not a clean array. */
        int add(Chunk chunk) {
            if (chunk.firstKind != NONE) {
                if (previous == NONE ? chunk.firstKind != OPEN : !follows(previous, chunk.firstKind)) {
                    return -1;
                }
                previous = chunk.lastKind;
            }
            parts.add(chunk);
            integral &= chunk.integral;
            for (int e = 0; e < chunk.bracketCount; e++) {
                if (!numbersBefore(base + (chunk.brackets[e] >>> 1))) {
                    return -1;
                }
                if ((chunk.brackets[e] & 1) == 1) {
                    if (depth == MAX_RANK || (numberDepth > 0 && depth >= numberDepth)) {
                        return -1;
                    }
                    children[depth]++;
                    children[++depth] = 0;
                } else {
                    if (width[depth] < 0) {
                        width[depth] = children[depth];
                    } else if (width[depth] != children[depth]) {
                        return -1;
                    }
                    if (--depth == 0) {
                        return closed(chunk, e);
                    }
                }
            }
            base += chunk.numbers;
            if (base > maxElements) {
                throw new TooManyElementsException(maxElements);
            }
            return chunk.stopped ? -1 : 0;
        }

        private int closed(Chunk chunk, int bracket) {
            if (counted > maxElements) {
                throw new TooManyElementsException(maxElements);
            }
            return numberDepth < 1 || counted != base + chunk.numbers ? -1 : chunk.bracketPositions[bracket] + 1;
        }

        /** Places the numbers read since the last bracket (up to the {@code at}-th) at the current depth. */
        private boolean numbersBefore(long at) {
            if (at == counted) {
                return true;
            }
            if (numberDepth < 0) {
                numberDepth = depth;
            } else if (depth != numberDepth) {
                return false;
            }
            children[depth] += at - counted;
            counted = at;
            return true;
        }

        NumberBlock block() {
            int[] shape = new int[numberDepth];
            for (int d = 1; d <= numberDepth; d++) {
                shape[d - 1] = (int) width[d];
            }
            double[] values = new double[(int) counted];
            int offset = 0;
            for (Chunk part : parts) {
                System.arraycopy(part.values, 0, values, offset, part.numbers);
                offset += part.numbers;
            }
            return new NumberBlock(values, integral, shape);
        }
    }
}
