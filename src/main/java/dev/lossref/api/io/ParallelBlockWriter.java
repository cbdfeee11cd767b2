package dev.lossref.api.io;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a run of blocks of bytes in order, the blocks produced on all cores (numbers formatted as JSON text,
 * or converted to little-endian bytes), a wave of blocks at a time, so that only a few megabytes are held at once.
 *
 * <p>The calling thread writes each wave while the pool's threads produce the next one, then produces with them:
 * when one thread wrote while the others waited, the other core sat idle for a tenth of a large answer's time
 * (a {@code perf} timeline of the 4096 x 1000 round trip). Only the calling thread touches the sink, so the
 * pool's threads never wait on a slow client. Waves alternate between two sets of buffers, which are reused:
 * a 4096 x 1000 gradient as JSON would otherwise allocate (and zero) 110 MB.
 */
public final class ParallelBlockWriter {

    /** Fills a buffer with one block. */
    @FunctionalInterface
    public interface Producer {
        /** Writes block {@code index} into {@code into} from its start and returns how many bytes it wrote. */
        int produce(int index, byte[] into);
    }

    /** Where the blocks go, in order. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int length) throws IOException;
    }

    private ParallelBlockWriter() {}

    /**
     * Produces blocks [0, blocks), each into a buffer of {@code capacity} bytes, {@code blocksPerCore} per core in
     * a wave (the threads of a wave end within a block of each other), and writes them to {@code sink} in order.
     */
    public static void write(int blocks, int capacity, int blocksPerCore, Producer producer, Sink sink)
            throws IOException {
        int perWave = blocksPerCore * Runtime.getRuntime().availableProcessors();
        byte[][][] buffers = new byte[2][Math.min(perWave, blocks)][];
        Wave ready = null;
        for (int first = 0; first < blocks; first += perWave) {
            Wave wave = new Wave(
                    producer, first, Math.min(blocks, first + perWave), buffers[first / perWave % 2], capacity);
            for (int helper = 0; helper < ForkJoinPool.getCommonPoolParallelism(); helper++) {
                ForkJoinPool.commonPool().execute(wave::produceBlocks);
            }
            if (ready != null) {
                ready.writeTo(sink);
            }
            wave.produceAndWait();
            ready = wave;
        }
        if (ready != null) {
            ready.writeTo(sink);
        }
    }

    /**
     * The blocks of one wave, claimed one at a time by whichever thread is free: the pool's helpers and the
     * calling thread. A helper that starts after every block was claimed has nothing to do, so the calling thread
     * only ever waits for blocks being produced, never for a helper to be scheduled.
     */
    private static final class Wave {
        private final Producer producer;
        private final int firstBlock;
        private final byte[][] buffers;
        private final int capacity;
        private final int[] lengths;
        private final AtomicInteger claimed = new AtomicInteger();
        private final CountDownLatch unfinished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Wave(Producer producer, int firstBlock, int endBlock, byte[][] buffers, int capacity) {
            this.producer = producer;
            this.firstBlock = firstBlock;
            this.buffers = buffers;
            this.capacity = capacity;
            this.lengths = new int[endBlock - firstBlock];
            this.unfinished = new CountDownLatch(lengths.length);
        }

        void produceBlocks() {
            for (int k = claimed.getAndIncrement(); k < lengths.length; k = claimed.getAndIncrement()) {
                try {
                    if (buffers[k] == null) {
                        buffers[k] = new byte[capacity];
                    }
                    lengths[k] = producer.produce(firstBlock + k, buffers[k]);
                } catch (RuntimeException | Error failed) {
                    // Handed to the calling thread, which would otherwise write a block that is not there.
                    failure.compareAndSet(null, failed);
                } finally {
                    unfinished.countDown();
                }
            }
        }

        /** Produces blocks with the helpers, then waits for the blocks they are still producing. */
        void produceAndWait() {
            produceBlocks();
            boolean interrupted = false;
            while (unfinished.getCount() > 0) {
                try {
                    unfinished.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable failed = failure.get();
            if (failed instanceof Error error) {
                throw error;
            }
            if (failed != null) {
                throw (RuntimeException) failed;
            }
        }

        void writeTo(Sink sink) throws IOException {
            for (int k = 0; k < lengths.length; k++) {
                sink.write(buffers[k], lengths[k]);
            }
        }
    }
}
