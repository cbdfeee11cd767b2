package dev.lossref.api.npz;

import dev.lossref.api.json.NumberPermits;
import dev.lossref.catalog.ExplicitDouble;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Parallel;
import dev.lossref.core.Tensor;
import dev.lossref.core.WireName;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds an archive's arrays straight into a loss's request record (docs/http-api.md 8): each array becomes the
 * record component of its name, the float64 data handed over without a copy (matrices and tensors wrap
 * it), with the strict reader's rules: finite numbers, integers for labels and indices, 0-d arrays for
 * hyperparameters, a 0-size array for null, and no field the loss does not have.
 */
public final class NpzBinder {

    private NpzBinder() {}

    public static <T> T bind(Map<String, NpyArray> arrays, Class<T> type, NumberPermits permits) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        for (String name : arrays.keySet()) {
            if (Arrays.stream(components)
                    .noneMatch(component -> component.getName().equals(name))) {
                throw new InvalidInputException(
                        name,
                        "is not a field of this loss; its fields are: "
                                + Arrays.stream(components)
                                        .map(RecordComponent::getName)
                                        .sorted()
                                        .collect(Collectors.joining(", ")));
            }
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            types[k] = components[k].getType();
            NpyArray array = arrays.get(components[k].getName());
            if (array != null) {
                take(permits, array.size());
                values[k] = convert(array, types[k]);
            }
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failure.getCause());
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException("cannot build " + type.getName(), failure);
        }
    }

    private static void take(NumberPermits permits, long count) {
        for (long left = count; left > 0; left -= Integer.MAX_VALUE) {
            permits.take((int) Math.min(left, Integer.MAX_VALUE));
        }
    }

    private static Object convert(NpyArray array, Class<?> type) {
        String name = array.name();
        int[] shape = array.shape();
        boolean emptyRows = shape.length == 2 && shape[0] > 0 && shape[1] == 0;
        if (array.kind() != NpyArray.Kind.STRING && array.size() == 0 && !emptyRows) {
            return type == ExplicitDouble.class ? new ExplicitDouble(null) : null;
        }
        if (type == Matrix.class) {
            requireRank(array, 2, "a matrix [rows x cols]");
            return new Matrix(shape[0], shape[1], finite(array));
        }
        if (type == Tensor.class) {
            if (shape.length < 1) {
                throw new InvalidInputException(name, "must be an array, got a 0-d array");
            }
            return Tensor.of(shape, finite(array));
        }
        if (type == double[].class) {
            requireRank(array, 1, "a vector");
            return finite(array);
        }
        if (type == int[].class) {
            requireRank(array, 1, "a vector of integers");
            double[] data = integers(array);
            int[] values = new int[data.length];
            for (int k = 0; k < data.length; k++) {
                values[k] = (int) data[k];
            }
            return values;
        }
        if (type == Double.class || type == ExplicitDouble.class) {
            requireRank(array, 0, "a number (a 0-d array)");
            double value = finite(array)[0];
            return type == Double.class ? (Object) value : new ExplicitDouble(value);
        }
        if (type == Integer.class) {
            requireRank(array, 0, "an integer (a 0-d array)");
            return (int) integers(array)[0];
        }
        if (type == Boolean.class) {
            requireRank(array, 0, "true or false (a 0-d boolean array)");
            if (array.kind() != NpyArray.Kind.BOOLEAN) {
                throw new InvalidInputException(name, "must be true or false, got a number");
            }
            return array.data()[0] != 0;
        }
        if (type.isEnum() && WireName.class.isAssignableFrom(type)) {
            if (array.kind() != NpyArray.Kind.STRING) {
                throw new InvalidInputException(name, "must be a string (a 0-d unicode array)");
            }
            for (Object constant : type.getEnumConstants()) {
                if (((WireName) constant).wireName().equals(array.text())) {
                    return constant;
                }
            }
            throw new InvalidInputException(
                    name,
                    "must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(constant -> ((WireName) constant).wireName())
                                    .collect(Collectors.joining(", "))
                            + ", got "
                            + array.text());
        }
        throw new InvalidInputException(name, "cannot be sent in an archive");
    }

    private static void requireRank(NpyArray array, int rank, String what) {
        if (array.kind() == NpyArray.Kind.STRING || array.shape().length != rank) {
            throw new InvalidInputException(
                    array.name(),
                    "must be " + what + ", got an array of shape " + Arrays.toString(array.shape())
                            + (array.kind() == NpyArray.Kind.STRING ? " of text" : ""));
        }
    }

    private static double[] finite(NpyArray array) {
        if (array.kind() == NpyArray.Kind.BOOLEAN) {
            throw new InvalidInputException(array.name(), "must hold numbers, got booleans");
        }
        double[] data = array.data();
        int nonFinite = Parallel.firstNonFinite(data);
        if (nonFinite >= 0) {
            throw new InvalidInputException(path(array, nonFinite), "must be a finite number, got " + data[nonFinite]);
        }
        return data;
    }

    private static double[] integers(NpyArray array) {
        if (array.kind() != NpyArray.Kind.INTEGER) {
            throw new InvalidInputException(
                    array.name(),
                    "must hold integers (an integer dtype), got "
                            + array.kind().name().toLowerCase(java.util.Locale.ROOT) + " values");
        }
        double[] data = array.data();
        for (int k = 0; k < data.length; k++) {
            if (data[k] < Integer.MIN_VALUE || data[k] > Integer.MAX_VALUE) {
                throw new InvalidInputException(
                        path(array, k), "must be an integer in the 32-bit range, got " + data[k]);
            }
        }
        return data;
    }

    private static String path(NpyArray array, int k) {
        return Tensor.path(array.name(), array.shape(), k);
    }
}
