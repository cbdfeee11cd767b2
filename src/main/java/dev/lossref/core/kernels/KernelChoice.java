package dev.lossref.core.kernels;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/**
 * Chooses the fastest kernels this JVM can run, once. The Vector API kernels are used when the module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the container and the tests do) and the system
 * property {@code lossref.plain-kernels} is not {@code true}; otherwise the plain-Java kernels, more
 * slowly: the same bits for products and distances, within an ulp or two for exponentials and
 * log-sum-exps. The vector classes are loaded by name, so a JVM without the module
 * never links them: the same pattern as Lucene's vectorization provider.
 */
public final class KernelChoice {

    private static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && !Boolean.getBoolean("lossref.plain-kernels");

    private KernelChoice() {}

    /** Which kernels run: {@code vector-api} or {@code plain-java}, for operators (the info endpoint). */
    public static String inUse() {
        return VECTOR_API ? "vector-api" : "plain-java";
    }

    static ProductKernel products() {
        return choose("VectorProductKernel", ProductKernel.class, PlainProductKernel::new);
    }

    static DistanceKernel distances() {
        return choose("VectorDistanceKernel", DistanceKernel.class, PlainDistanceKernel::new);
    }

    static Exponentials exponentials() {
        return choose("VectorExponentials", Exponentials.class, PlainExponentials::new);
    }

    static SoftplusKernel softplus() {
        return choose("VectorSoftplusKernel", SoftplusKernel.class, PlainSoftplusKernel::new);
    }

    static LogSumExpKernel logSumExps() {
        return choose("VectorLogSumExpKernel", LogSumExpKernel.class, PlainLogSumExpKernel::new);
    }

    /** The Vector API kernel of this package named {@code vectorClass}, or the plain one. */
    private static <T> T choose(String vectorClass, Class<T> type, Supplier<T> plain) {
        return VECTOR_API ? load(KernelChoice.class.getPackageName() + "." + vectorClass, type) : plain.get();
    }

    private static <T> T load(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException
                | NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("cannot load the Vector API kernel " + className, e);
        }
    }
}
