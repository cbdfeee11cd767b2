package dev.lossref.api.json;

/** Where the readers take one permit per number they read, so that the service can bound the work in flight. */
@FunctionalInterface
public interface NumberPermits {

    /** Takes {@code count} permits, or throws if the service has none left. */
    void take(int count);
}
