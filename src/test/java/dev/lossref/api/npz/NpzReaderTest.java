package dev.lossref.api.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Archives written by NumPy itself (generate_npz_fixtures.py) and hostile ones: what is read, and what is
 * refused before it costs memory.
 */
class NpzReaderTest {

    private final NpzReader reader = new NpzReader(16_000_000, 134_217_728);

    @Test
    void savezIsReadWithItsTypes() throws IOException {
        Map<String, NpyArray> arrays = read("savez.npz");

        assertThat(arrays.keySet()).containsExactly("logits", "labels", "reduction");
        assertThat(arrays.get("logits").shape()).containsExactly(2, 3);
        assertThat(arrays.get("logits").data()).containsExactly(1.0, 2.0, 0.5, 0.3, -1.0, 2.5);
        assertThat(arrays.get("labels").kind()).isEqualTo(NpyArray.Kind.INTEGER);
        assertThat(arrays.get("labels").data()).containsExactly(1, 2);
        assertThat(arrays.get("reduction").text()).isEqualTo("sum");
        assertThat(arrays.get("reduction").shape()).isEmpty();
    }

    @Test
    void compressedFortranBigEndianFloat32IsWidenedExactlyInRowMajorOrder() throws IOException {
        Map<String, NpyArray> arrays = read("savez_compressed.npz");

        assertThat(arrays.get("logits").data()).containsExactly(1.0, 2.0, 0.5, (double) 0.3f, -1.0, 2.5);
        assertThat(arrays.get("labels").data()).containsExactly(1, 2);
        assertThat(arrays.get("gradients").kind()).isEqualTo(NpyArray.Kind.BOOLEAN);
        assertThat(arrays.get("gradients").data()).containsExactly(1);
        assertThat(arrays.get("alpha").size()).isZero();
        assertThat(arrays.get("name").text()).isEqualTo("\u00e9t\u00e9 \uD83D\uDE00");
    }

    @Test
    void aRank3FortranArrayComesOutRowMajor() throws IOException {
        NpyArray x = read("rank3_fortran_bigendian.npz").get("x");

        assertThat(x.shape()).containsExactly(2, 3, 4);
        for (int k = 0; k < 24; k++) {
            assertThat(x.data()[k]).isEqualTo(k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pickled.npz           | object array
            duplicate.npz         | appears twice
            unknown_entry.npz     | not an array
            nested.npz            | not an array
            truncated_data.npz    | truncated
            extra_data.npz        | more data than its header declares
            truncated_archive.npz | not a complete .npz archive
            """)
    void hostileArchivesAreRefusedNamingWhy(String file, String reason) {
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void anArchiveThatWouldInflatePastTheLimitsIsRefusedFromItsHeader() {
        // 8 KB on the wire, a header declaring 3.2 GB: refused before any of the data is inflated.
        assertThatThrownBy(() -> read("bomb.npz"))
                .isInstanceOf(NpzTooLargeException.class)
                .hasMessageContaining("400000000 elements");
    }

    @Test
    void theDeclaredSizesOfAllArraysCountTogether() throws IOException {
        NpzReader small = new NpzReader(7, 1_000);

        assertThatThrownBy(() -> small.read(resource("savez.npz")))
                .isInstanceOf(NpzTooLargeException.class)
                .hasMessageContaining("labels");
    }

    @Test
    void notAnArchiveIsRefused() {
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream("{\"logits\": [1]}".getBytes())))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining("no entries");
    }

    @Test
    void whatTheWriterWritesReadsBackExactly() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("value", new NpyArray("value", new int[0], new double[] {0.1 + 0.2}, NpyArray.Kind.FLOAT, null));
        arrays.put(
                "gradients.logits",
                new NpyArray(
                        "gradients.logits",
                        new int[] {2, 2},
                        new double[] {Double.MIN_VALUE, -0.0, 1e308, Math.PI},
                        NpyArray.Kind.FLOAT,
                        null));
        arrays.put("triplets", new NpyArray("triplets", new int[] {0, 3}, new double[0], NpyArray.Kind.INTEGER, null));
        arrays.put("loss", new NpyArray("loss", new int[0], new double[0], NpyArray.Kind.STRING, "focal \uD83D\uDE00"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NpzWriter.write(arrays, out);
        Map<String, NpyArray> back = reader.read(new ByteArrayInputStream(out.toByteArray()));

        assertThat(back.get("value").data()).containsExactly(0.1 + 0.2);
        assertThat(back.get("gradients.logits").data()).containsExactly(Double.MIN_VALUE, -0.0, 1e308, Math.PI);
        assertThat(back.get("triplets").shape()).containsExactly(0, 3);
        assertThat(back.get("loss").text()).isEqualTo("focal \uD83D\uDE00");
    }

    /** Arrays longer than the writer's 64 KiB block, so that numbers and flags cross block boundaries. */
    @Test
    void largeArraysAreStreamedBlockByBlockWithTheirChecksums() throws IOException {
        double[] floats = new double[20_001];
        double[] integers = new double[9_001];
        double[] flags = new double[70_001];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = Math.sin(i) * Math.pow(10, i % 40 - 20);
        }
        for (int i = 0; i < integers.length; i++) {
            integers[i] = i * 7919L - 30_000_000L;
        }
        for (int i = 0; i < flags.length; i++) {
            flags[i] = i % 3 == 0 ? 1 : 0;
        }
        String text = "\u00e9\uD83D\uDE00".repeat(5_000); // the reader's longest string: 10,000 code points
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(
                "gradients.logits",
                new NpyArray("gradients.logits", new int[] {20_001}, floats, NpyArray.Kind.FLOAT, null));
        arrays.put("triplets", new NpyArray("triplets", new int[] {9_001}, integers, NpyArray.Kind.INTEGER, null));
        arrays.put("mask", new NpyArray("mask", new int[] {70_001}, flags, NpyArray.Kind.BOOLEAN, null));
        arrays.put("loss", new NpyArray("loss", new int[0], new double[0], NpyArray.Kind.STRING, text));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NpzWriter.write(arrays, out);

        // the JDK's own zip reader checks each stored entry's size and CRC-32
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                zip.readAllBytes();
            }
        }
        assertThat(names).containsExactly("gradients.logits.npy", "triplets.npy", "mask.npy", "loss.npy");
        Map<String, NpyArray> back = reader.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.get("gradients.logits").data()).containsExactly(floats);
        assertThat(back.get("triplets").data()).containsExactly(integers);
        assertThat(back.get("mask").data()).containsExactly(flags);
        assertThat(back.get("loss").text()).isEqualTo(text);
    }

    /** A float array of several 1 MiB segments and a part, whose checksum is taken on all cores and combined. */
    @Test
    void aLargeFloatArrayIsChecksummedInSegmentsToTheCrcOfItsBytes() throws IOException {
        double[] floats = new double[3 * (1 << 17) + 12_345];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = Math.cos(i) * Math.pow(10, i % 30 - 15);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("value", new NpyArray("value", new int[0], new double[] {1.5}, NpyArray.Kind.FLOAT, null));
        arrays.put(
                "gradients.logits",
                new NpyArray("gradients.logits", new int[] {floats.length}, floats, NpyArray.Kind.FLOAT, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NpzWriter.write(arrays, out);

        CRC32 expected = new CRC32();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            zip.getNextEntry();
            zip.readAllBytes();
            ZipEntry entry = zip.getNextEntry();
            expected.update(zip.readAllBytes());
            assertThat(entry.getCrc()).isEqualTo(expected.getValue());
        }
        assertThat(reader.read(new ByteArrayInputStream(out.toByteArray()))
                        .get("gradients.logits")
                        .data())
                .isEqualTo(floats);
    }

    /**
     * The hand-written zip container, read through its central directory ({@code ZipFile}) and its local headers
     * ({@code ZipInputStream}, which checks each stored entry's CRC-32), as written and with ZIP64 fields forced
     * from a small size on: for every entry, for the later offsets only, and not at all.
     */
    @ParameterizedTest
    @ValueSource(longs = {0, 200, 5_000, 0xffff_ffffL})
    void theArchiveReadsBackThroughItsDirectoryAndItsLocalHeaders(long zip64From, @TempDir Path directory)
            throws IOException {
        double[] floats = new double[150_000];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = Math.tan(i) * Math.pow(10, i % 20 - 10);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("value", new NpyArray("value", new int[0], new double[] {0.75}, NpyArray.Kind.FLOAT, null));
        arrays.put(
                "gradients.logits",
                new NpyArray("gradients.logits", new int[] {300, 500}, floats, NpyArray.Kind.FLOAT, null));
        arrays.put(
                "gr\u00e4dient",
                new NpyArray("gr\u00e4dient", new int[] {2}, new double[] {1, -1}, NpyArray.Kind.FLOAT, null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NpzWriter.write(arrays, out, zip64From);

        Path file = directory.resolve("answer.npz");
        Files.write(file, out.toByteArray());
        Map<String, byte[]> byDirectory = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getSize()).isEqualTo(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                assertThat(entry.getCrc()).isEqualTo(crc.getValue());
                byDirectory.put(entry.getName(), bytes);
            }
        }
        assertThat(byDirectory).containsOnlyKeys("value.npy", "gradients.logits.npy", "gr\u00e4dient.npy");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(zip.readAllBytes()).as(entry.getName()).isEqualTo(byDirectory.get(entry.getName()));
            }
        }
        Map<String, NpyArray> back = reader.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.get("gradients.logits").data()).isEqualTo(floats);
        assertThat(back.get("gradients.logits").shape()).containsExactly(300, 500);
        assertThat(back.get("value").data()).containsExactly(0.75);
    }

    private Map<String, NpyArray> read(String file) throws IOException {
        try (InputStream in = resource(file)) {
            return reader.read(in);
        }
    }

    private static InputStream resource(String file) {
        return NpzReaderTest.class.getResourceAsStream("/npz/" + file);
    }
}
