package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The tests run the Vector API kernels (surefire starts the JVM with {@code --add-modules jdk.incubator.vector},
 * as the container does), so that the kernel tests' agreement of plain and vector kernels is also what the
 * loss tests compute with.
 */
class KernelChoiceTest {

    @Test
    void everyKernelIsTheVectorApiOneWhenTheModuleIsThere() {
        assertThat(KernelChoice.inUse()).isEqualTo("vector-api");
        assertThat(KernelChoice.products()).isInstanceOf(VectorProductKernel.class);
        assertThat(KernelChoice.distances()).isInstanceOf(VectorDistanceKernel.class);
        assertThat(KernelChoice.exponentials()).isInstanceOf(VectorExponentials.class);
        assertThat(KernelChoice.logSumExps()).isInstanceOf(VectorLogSumExpKernel.class);
        assertThat(KernelChoice.softplus()).isInstanceOf(VectorSoftplusKernel.class);
    }
}
