package dev.lossref.api.npz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The CRC-32 of two parts, combined, against the JDK's CRC-32 of the whole. */
class Crc32CombineTest {

    @Test
    void combiningThePartsOfAMessageGivesTheCrcOfTheWhole() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            byte[] message = new byte[trial < 20 ? trial : random.nextInt(1, 100_000)];
            random.nextBytes(message);
            int split = message.length == 0 ? 0 : random.nextInt(message.length + 1);

            int combined = Crc32Combine.combine(
                    crc(message, 0, split), crc(message, split, message.length), message.length - split);

            assertThat(combined)
                    .as("%d bytes split at %d", message.length, split)
                    .isEqualTo(crc(message, 0, message.length));
        }
    }

    @Test
    void manyPartsFoldLeftToTheCrcOfTheWhole() {
        byte[] message = new byte[1 << 20];
        new SplittableRandom(6).nextBytes(message);
        int combined = crc(message, 0, 0);
        for (int from = 0; from < message.length; from += 65_521) {
            int to = Math.min(message.length, from + 65_521);
            combined = Crc32Combine.combine(combined, crc(message, from, to), to - from);
        }
        assertThat(combined).isEqualTo(crc(message, 0, message.length));
    }

    private static int crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return (int) crc.getValue();
    }
}
