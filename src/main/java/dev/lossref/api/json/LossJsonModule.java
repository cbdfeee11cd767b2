package dev.lossref.api.json;

import dev.lossref.catalog.ExplicitDouble;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import tools.jackson.databind.module.SimpleModule;

/** Registers the strict readers and the tensor writer for every request and response type. */
public final class LossJsonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public LossJsonModule() {
        super("loss-json");
        setDeserializers(new WireNameReader.Lookup());
        addDeserializer(Matrix.class, new MatrixReader());
        addDeserializer(Tensor.class, new TensorReader());
        addDeserializer(double[].class, new DoubleArrayReader());
        addDeserializer(int[].class, new IntArrayReader());
        addDeserializer(Double.class, new StrictScalarReaders.FiniteDouble());
        addDeserializer(ExplicitDouble.class, new StrictScalarReaders.ExplicitDoubleReader());
        addDeserializer(Integer.class, new StrictScalarReaders.StrictInteger());
        addDeserializer(Boolean.class, new StrictScalarReaders.StrictBoolean());
        addDeserializer(String.class, new StrictScalarReaders.StrictString());
        addSerializer(Tensor.class, new TensorWriter());
        addSerializer(Double.class, new FiniteNumberWriter());
        addSerializer(double.class, new FiniteNumberWriter());
    }
}
