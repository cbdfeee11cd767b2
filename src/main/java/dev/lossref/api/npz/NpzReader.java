package dev.lossref.api.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a {@code .npz} archive (a zip of {@code <name>.npy} entries, stored or deflated, as
 * {@code numpy.savez} and {@code savez_compressed} write it) into arrays by name. Every entry must be an
 * array: other files, nested archives, directories and duplicate names are refused. Sizes are checked
 * from each array's header before its data is read, so inflation stops at the limits whatever the
 * archive's compression ratio; an entry holding more data than its header declares is refused.
 */
public final class NpzReader {

    private final long maxElements;
    private final long maxBytes;

    /**
     * @param maxElements the most elements all arrays together may declare
     * @param maxBytes the most data bytes all arrays together may declare (at most 2^31 - 1)
     */
    public NpzReader(long maxElements, long maxBytes) {
        this.maxElements = maxElements;
        this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 8);
    }

    /** Reads an archive whose length is not known beforehand: arrays grow as their data arrives. */
    public Map<String, NpyArray> read(InputStream body) {
        return read(body, 0);
    }

    /**
     * Reads an archive of {@code declaredLength} bytes (the request's Content-Length): arrays whose doubles add
     * up to at most that many bytes are allocated whole before their data arrives, as the JSON path allocates
     * its body; the rest, and all of an archive of unknown length (-1), grow as their data arrives.
     */
    public Map<String, NpyArray> read(InputStream body, long declaredLength) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        long upfront = Math.max(0, declaredLength);
        long elements = 0;
        long bytes = 0;
        try (ZipInputStream zip = new ZipInputStream(body)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String entryName = entry.getName();
                if (entry.isDirectory() || !entryName.endsWith(".npy") || entryName.contains("/")) {
                    throw new NpzFormatException(
                            entryName, "is not an array: an archive holds only <field>.npy entries");
                }
                String name = entryName.substring(0, entryName.length() - ".npy".length());
                if (arrays.containsKey(name)) {
                    throw new NpzFormatException(entryName, "appears twice in the archive");
                }
                NpyArray array = NpyReader.read(zip, name, maxElements - elements, maxBytes - bytes, upfront - bytes);
                if (zip.read() != -1) {
                    throw new NpzFormatException(name, "holds more data than its header declares");
                }
                elements += array.size();
                bytes += array.size() * 8;
                arrays.put(name, array);
            }
        } catch (ZipException | EOFException broken) {
            throw new NpzFormatException("body", "is not a complete .npz archive: " + broken.getMessage());
        } catch (IOException unreadable) {
            throw new NpzFormatException("body", "could not be read: " + unreadable.getMessage());
        }
        if (arrays.isEmpty()) {
            throw new NpzFormatException("body", "is not an .npz archive with arrays (no entries)");
        }
        return arrays;
    }
}
