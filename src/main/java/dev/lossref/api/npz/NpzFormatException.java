package dev.lossref.api.npz;

/** An archive or array that is not a valid, acceptable NumPy file: a client error (400) naming the entry. */
public final class NpzFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String entry;

    public NpzFormatException(String entry, String message) {
        super(entry + ": " + message);
        this.entry = entry;
    }

    /** The archive entry (or "body") at fault. */
    public String entry() {
        return entry;
    }
}
