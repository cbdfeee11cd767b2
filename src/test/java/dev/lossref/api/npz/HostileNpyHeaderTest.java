package dev.lossref.api.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * .npy headers that lie or ask for too much, built byte by byte (the format is small enough): every one
 * is a 4xx problem that says why, none costs more memory than the limits allow.
 */
class HostileNpyHeaderTest {

    private static final long MAX_ELEMENTS = 16_000_000;
    private static final long MAX_BYTES = 134_217_728;

    private final NpzReader reader = new NpzReader(MAX_ELEMENTS, MAX_BYTES);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            '<c16'     ; (3,)           ; 48 ; has dtype '<c16'
            '|V8'      ; (3,)           ; 24 ; has dtype '|V8'
            '<M8[ns]'  ; (3,)           ; 24 ; without a simple descr
            '<f8'      ; (-3,)          ; 0  ; not a tuple of sizes
            '<f8'      ; (3, x)         ; 24 ; not a tuple of sizes
            '<f8'      ; (1, 1, 1, 1, 1, 3) ; 24 ; at most 5 are read
            '<f8'      ; (6,)           ; 24 ; is truncated: its header declares 48 bytes of data, the file holds 24
            '<i8'      ; (2,)           ; 24 ; holds more data than its header declares
            '<U4'      ; (2,)           ; 32 ; only 0-d strings
            """)
    void aHeaderThatLiesOrIsNotPlainIsRefusedSayingWhy(String descr, String shape, int dataBytes, String reason) {
        byte[] npy = npy(1, "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }", dataBytes);

        assertThatThrownBy(() -> reader.read(archive(npy)))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aFortranOrderThatIsNeitherTrueNorFalseIsRefused() {
        byte[] npy = npy(1, "{'descr': '<f8', 'fortran_order': 'maybe', 'shape': (1,), }", 8);

        assertThatThrownBy(() -> reader.read(archive(npy)))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining("without a simple descr, fortran_order and shape");
    }

    @Test
    void aWrongMagicOrAnUnknownVersionIsRefused() {
        byte[] npy = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8);
        npy[5] = 'X';
        byte[] future = npy(9, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8);

        assertThatThrownBy(() -> reader.read(archive(npy))).hasMessageContaining("no \\x93NUMPY magic");
        assertThatThrownBy(() -> reader.read(archive(future))).hasMessageContaining("format version 9");
    }

    @Test
    void aHeaderLengthBeyondTheEntryIsATruncatedHeader() {
        byte[] npy = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8);
        npy[8] = (byte) 0xff;
        npy[9] = (byte) 0x7f;

        assertThatThrownBy(() -> reader.read(archive(npy)))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining("truncated in its header");
    }

    @Test
    void aShapeWhoseProductOverflowsIsTooLargeNotAnArithmeticFailure() {
        byte[] npy =
                npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647), }", 0);

        assertThatThrownBy(() -> reader.read(archive(npy)))
                .isInstanceOf(NpzTooLargeException.class)
                .hasMessageContaining("beyond the request limits");
    }

    @Test
    void aGibibyteDeclaredInOneMegabyteIsRefusedFromItsHeaderWithoutAllocatingIt() {
        // 2^27 float64 = 1 GiB declared; the entry is 1 MiB of zeros deflated to about a kilobyte.
        byte[] archive =
                archiveBytes(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (134217728,), }", 1 << 20));

        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(archive)))
                .isInstanceOf(NpzTooLargeException.class)
                .hasMessageContaining("134217728 elements"));

        assertThat(allocated).isLessThan(16L << 20);
    }

    @Test
    void anEntryThatInflatesFarPastItsHeaderStopsInflatingAtTheDeclaredSize() {
        // The header declares 1000 float64 (8 kB); the entry inflates to 1 GiB of zeros from about 1 MB.
        byte[] archive = inflatingArchive("{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }", 1L << 30);
        assertThat(archive.length).isLessThan(2 << 20);

        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(archive)))
                .isInstanceOf(NpzFormatException.class)
                .hasMessageContaining("holds more data than its header declares"));

        assertThat(allocated).isLessThan(16L << 20);
    }

    @Test
    void aHeaderThatDeclaresMoreThanArrivesWithinTheLimitsCostsOnlyWhatArrives() {
        // 12 million float64 = 96 MB declared, within the limits; 1 MiB of data follows, deflated.
        byte[] archive =
                archiveBytes(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (12000000,), }", 1 << 20));

        for (long declaredLength : new long[] {-1, archive.length}) {
            long allocated = allocatedWhile(() -> assertThatThrownBy(
                            () -> reader.read(new ByteArrayInputStream(archive), declaredLength))
                    .isInstanceOf(NpzFormatException.class)
                    .hasMessageContaining(
                            "is truncated: its header declares 96000000 bytes of data, the file holds " + "1048576"));

            assertThat(allocated).isLessThan(16L << 20);
        }
    }

    @Test
    void arraysWithinTheDeclaredBodyLengthAreReadWholeAndTheRestGrowAsTheirDataArrives() {
        // One float64 array of 200,000 elements (1.6 MB): read the same into one array either way.
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        npy.writeBytes(npyHeader(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (200000,), }"));
        ByteBuffer data = ByteBuffer.allocate(8 * 200_000).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 200_000; k++) {
            data.putDouble(k * 0.5 - 7);
        }
        npy.writeBytes(data.array());
        byte[] archive = archiveBytes(npy.toByteArray());

        for (long declaredLength : new long[] {-1, 0, 1_000_000, archive.length, 1L << 30}) {
            double[] values = reader.read(new ByteArrayInputStream(archive), declaredLength)
                    .get("x")
                    .data();

            assertThat(values).hasSize(200_000);
            assertThat(values[0]).isEqualTo(-7.0);
            assertThat(values[8_191]).isEqualTo(8_191 * 0.5 - 7);
            assertThat(values[8_192]).isEqualTo(8_192 * 0.5 - 7);
            assertThat(values[199_999]).isEqualTo(199_999 * 0.5 - 7);
        }
    }

    private static long allocatedWhile(Runnable action) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** A .npy file: magic, version, little-endian header length, the header padded to 64 bytes, zero data. */
    static byte[] npy(int major, String header, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(npyHeader(major, header));
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    private static byte[] npyHeader(int major, String header) {
        int padded = ((10 + header.length() + 1 + 63) / 64) * 64 - 10;
        String text = header + " ".repeat(padded - header.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        out.write(padded & 0xff);
        out.write(padded >> 8);
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static ByteArrayInputStream archive(byte[] npy) {
        return new ByteArrayInputStream(archiveBytes(npy));
    }

    private static byte[] archiveBytes(byte[] npy) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npy);
            zip.closeEntry();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** An archive whose one entry is the header followed by {@code dataBytes} zeros, deflated. */
    private static byte[] inflatingArchive(String header, long dataBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npyHeader(1, header));
            for (long written = 0; written < dataBytes; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }
}
