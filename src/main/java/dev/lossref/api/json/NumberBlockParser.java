package dev.lossref.api.json;

import dev.lossref.core.Parallel;
import dev.lossref.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Parses one JSON array of numbers of any rank up to Tensor.MAX_RANK, a large one on all cores, in one
 * pass over its bytes, without knowing in advance where it ends.
 *
 * <p>The body from the array's opening bracket on is cut into chunks at token boundaries, a wave of
 * chunks at a time. Each chunk is tokenised and its numbers parsed on its own ({@link DecimalParser}: the
 * strict JSON grammar, correctly rounded as Jackson's): it checks that every token may follow the one before,
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

    /**
     * Chunks of 128 KB, eight per core in a wave (a wave's threads end within a chunk of each other; with 512 KB,
     * two per core, a 79 MB body took 148.8-159.0 ms against 147.1-155.4 ms, medians of three in-process runs).
     * The first wave's chunks are smaller, so that a short array does not set all cores parsing what follows it.
     */
    private static final int CHUNK_BYTES = 1 << 17;

    private static final int CHUNKS_PER_CORE = 8;
    private static final int FIRST_CHUNK_BYTES = 1 << 15;
    private static final int MAX_RANK = Tensor.MAX_RANK;

    private NumberBlockParser() {}

    /** A parsed array and the position just after its closing bracket. */
    record Parsed(NumberBlock block, int end) {}

    /**
     * Parses the array whose opening bracket is at {@code start}, or returns {@code null} when it is not
     * a clean rectangular array of at most {@code maxElements} finite numbers, each of at most
     * {@code maxNumberLength} characters.
     *
     * @throws TooManyElementsException if it holds more than {@code maxElements} numbers
     */
    static Parsed parse(byte[] body, int start, int maxNumberLength, long maxElements) {
        Join join = new Join(maxElements);
        int chunksPerWave = CHUNKS_PER_CORE * Runtime.getRuntime().availableProcessors();
        int chunkBytes = FIRST_CHUNK_BYTES;
        for (int from = start; from < body.length; chunkBytes = CHUNK_BYTES) {
            int[] bounds = chunkBounds(body, from, chunkBytes, chunksPerWave);
            NumberChunk[] chunks = new NumberChunk[bounds.length - 1];
            IntStream.range(0, chunks.length)
                    .parallel()
                    .forEach(k -> chunks[k] = NumberChunk.scan(body, bounds[k], bounds[k + 1], maxNumberLength));
            for (NumberChunk chunk : chunks) {
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
            while (p < body.length && NumberChunk.numberByte(body[p - 1]) && NumberChunk.numberByte(body[p])) {
                p++;
            }
            bounds[used++] = p;
        }
        return Arrays.copyOf(bounds, used);
    }

    /**
     * Follows the chunks in order: the grammar across their boundaries, the depth of the numbers (the
     * rank), the number of elements of every array of each level (the shape), and the outermost close.
     */
    private static final class Join {
        private final long maxElements;
        private final long[] children = new long[MAX_RANK + 2];
        private final long[] width = new long[MAX_RANK + 2];
        private final List<NumberChunk> parts = new ArrayList<>();
        private int depth;
        private int numberDepth = -1;
        private boolean integral = true;
        private long base;
        private long counted;
        private byte previous = NumberChunk.NONE;

        Join(long maxElements) {
            this.maxElements = maxElements;
            Arrays.fill(width, -1);
        }

        /** Takes the next chunk: 0 to go on, the array's end once it closes, -1 if it is not a clean array. */
        int add(NumberChunk chunk) {
            if (chunk.firstKind != NumberChunk.NONE) {
                if (previous == NumberChunk.NONE
                        ? chunk.firstKind != NumberChunk.OPEN
                        : !NumberChunk.follows(previous, chunk.firstKind)) {
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

        private int closed(NumberChunk chunk, int bracket) {
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
            int[] offsets = new int[parts.size() + 1];
            for (int k = 0; k < parts.size(); k++) {
                offsets[k + 1] = offsets[k] + parts.get(k).numbers;
            }
            // A large one on all cores: alone, the copy of a 4096 x 1000 matrix kept the other core idle for 6 ms.
            IntStream chunks = IntStream.range(0, parts.size());
            (counted >= Parallel.LARGE_ARRAY ? chunks.parallel() : chunks).forEach(k -> {
                NumberChunk part = parts.get(k);
                System.arraycopy(part.values, 0, values, offsets[k], part.numbers);
            });
            return new NumberBlock(values, integral, shape);
        }
    }
}
