package dev.lossref.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelBlockWriterTest {

    /** Each block holds its index (4 bytes) and then as many copies of its low byte as index % 7. */
    private static int produce(int index, byte[] into) {
        ByteBuffer.wrap(into).putInt(index);
        for (int k = 0; k < index % 7; k++) {
            into[4 + k] = (byte) index;
        }
        return 4 + index % 7;
    }

    @Test
    void blocksAreWrittenInOrderWithTheirLengthsAcrossManyWaves() throws IOException {
        // A wave is 2 blocks per core here: 1,001 blocks take hundreds of waves on any machine, the last one partial.
        for (int blocks : new int[] {0, 1, 5, 1_001}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Integer> lengths = new ArrayList<>();

            ParallelBlockWriter.write(blocks, 16, 2, ParallelBlockWriterTest::produce, (bytes, length) -> {
                lengths.add(length);
                out.write(bytes, 0, length);
            });

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            byte[] block = new byte[16];
            for (int index = 0; index < blocks; index++) {
                expected.write(block, 0, produce(index, block));
            }
            assertThat(lengths).hasSize(blocks);
            assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aProducerThatFailsFailsTheWriteInsteadOfHangingIt() {
        for (int failing : new int[] {0, 3, 150}) {
            assertThatThrownBy(() -> ParallelBlockWriter.write(
                            200,
                            16,
                            4,
                            (index, into) -> {
                                if (index == failing) {
                                    throw new IllegalStateException("block " + index);
                                }
                                return produce(index, into);
                            },
                            (bytes, length) -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("block " + failing);
        }
    }

    @Test
    void aSinkThatFailsStopsTheWrite() {
        List<Integer> written = new ArrayList<>();
        assertThatThrownBy(() ->
                        ParallelBlockWriter.write(100, 16, 1, ParallelBlockWriterTest::produce, (bytes, length) -> {
                            if (written.size() == 10) {
                                throw new IOException("client gone");
                            }
                            written.add(ByteBuffer.wrap(bytes).getInt());
                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("client gone");
        assertThat(written).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
