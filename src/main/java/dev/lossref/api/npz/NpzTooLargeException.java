package dev.lossref.api.npz;

/** An archive whose declared sizes exceed the limits (413), found before the data is inflated. */
public final class NpzTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NpzTooLargeException(String message) {
        super(message);
    }
}
