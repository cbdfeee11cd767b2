package dev.lossref.catalog;

import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where a request is checked against its loss's declarations, whether it came as JSON or as
 * npz: which fields were sent ({@link Requirement}: required, optional, one of a group, only with another)
 * and whether the inputs' shapes agree (every axis that two inputs name alike has one length; {@link
 * Shape}). Built once per request type, when its entry is; a declaration the record cannot hold (a matrix
 * declared for a {@code double[]}) fails then, at startup.
 */
public final class DeclaredInputs {

    private final List<InputSpec> inputs;
    private final Map<String, Requirement> requirements = new LinkedHashMap<>();
    private final Map<String, Method> accessors = new HashMap<>();

    private DeclaredInputs(List<InputSpec> inputs, List<Hyperparameter> hyperparameters, Class<?> requestType) {
        this.inputs = List.copyOf(inputs);
        RecordComponent[] components = requestType.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(requestType.getName() + " is not a record");
        }
        Map<String, RecordComponent> byName = new HashMap<>();
        for (RecordComponent component : components) {
            byName.put(component.getName(), component);
        }
        for (InputSpec input : inputs) {
            requirements.put(input.name(), input.requirement());
            RecordComponent component = byName.get(input.name());
            if (component == null) {
                throw new IllegalArgumentException(requestType.getName() + " has no field " + input.name());
            }
            checkType(input, component.getType(), requestType);
            accessors.put(input.name(), accessible(component.getAccessor()));
        }
        for (Hyperparameter parameter : hyperparameters) {
            requirements.put(parameter.name(), parameter.requirement());
            RecordComponent component = byName.get(parameter.name());
            if (component != null) {
                accessors.put(parameter.name(), accessible(component.getAccessor()));
            }
        }
    }

    /** The declarations of a loss, bound to the record its requests are read into. */
    public static DeclaredInputs of(LossDescriptor descriptor, Class<?> requestType) {
        return new DeclaredInputs(descriptor.inputs(), descriptor.hyperparameters(), requestType);
    }

    /** The declarations of an operation's inputs (all of its fields are inputs). */
    public static DeclaredInputs of(List<InputSpec> inputs, Class<?> requestType) {
        return new DeclaredInputs(inputs, List.of(), requestType);
    }

    /**
     * Checks a request: first which fields were sent, then the shapes of the inputs; every violation of a
     * step is reported at once, naming the field.
     *
     * @throws dev.lossref.core.InvalidInputException naming each field that breaks its declaration
     */
    public void check(Object request) {
        Map<String, Object> sent = sent(request);
        InputCheck check = new InputCheck();
        checkPresence(sent.keySet(), check);
        check.throwIfFailed();
        checkShapes(sent, check);
        check.throwIfFailed();
    }

    private Map<String, Object> sent(Object request) {
        Map<String, Object> sent = new LinkedHashMap<>();
        accessors.forEach((name, accessor) -> {
            try {
                Object value = accessor.invoke(request);
                if (value != null) {
                    sent.put(name, value);
                }
            } catch (IllegalAccessException | InvocationTargetException failure) {
                throw new IllegalStateException("cannot read " + name + " of " + request.getClass(), failure);
            }
        });
        return sent;
    }

    private void checkPresence(Set<String> sent, InputCheck check) {
        Set<String> inFailedGroups = new HashSet<>();
        Set<List<String>> groupsSeen = new HashSet<>();
        requirements.forEach((name, requirement) -> {
            if (requirement instanceof Requirement.OneOf oneOf && groupsSeen.add(oneOf.group())) {
                if (!checkGroup(oneOf.group(), sent, check)) {
                    inFailedGroups.addAll(oneOf.group());
                }
            }
        });
        requirements.forEach((name, requirement) -> {
            if (requirement instanceof Requirement.Required) {
                check.require(sent.contains(name), name, "is required");
            } else if (requirement instanceof Requirement.With with
                    && with.anyOf().stream().noneMatch(inFailedGroups::contains)) {
                List<String> owners =
                        with.anyOf().stream().filter(sent::contains).toList();
                if (sent.contains(name) && owners.isEmpty()) {
                    check.fail(
                            name,
                            "applies only with " + String.join(" or ", with.anyOf()) + ", which "
                                    + (with.anyOf().size() == 1 ? "was" : "were") + " not sent");
                } else if (with.required() && !owners.isEmpty() && !sent.contains(name)) {
                    check.fail(name, "is required with " + owners.get(0));
                }
            }
        });
    }

    /** Whether exactly one member of the group was sent; if not, names the first member, or every one sent. */
    private boolean checkGroup(List<String> group, Set<String> sent, InputCheck check) {
        List<String> sentMembers = group.stream().filter(sent::contains).toList();
        if (sentMembers.size() == 1) {
            return true;
        }
        String either = "send either " + alternatives(group);
        if (sentMembers.isEmpty()) {
            check.fail(group.get(0), either);
        } else {
            for (String member : sentMembers) {
                check.fail(
                        member,
                        either + ", not " + (sentMembers.size() == 2 ? "both" : "several") + " (" + and(sentMembers)
                                + " were sent)");
            }
        }
        return false;
    }

    /** "a, b or c (with d)": the members of a group, each with the fields it needs. */
    private String alternatives(List<String> group) {
        List<String> members = new ArrayList<>();
        for (String member : group) {
            List<String> companions = requirements.entrySet().stream()
                    .filter(entry -> entry.getValue() instanceof Requirement.With with
                            && with.required()
                            && with.anyOf().contains(member))
                    .map(Map.Entry::getKey)
                    .toList();
            members.add(companions.isEmpty() ? member : member + " (with " + and(companions) + ")");
        }
        return members.size() == 1
                ? members.get(0)
                : String.join(", ", members.subList(0, members.size() - 1)) + " or " + members.get(members.size() - 1);
    }

    private static String and(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** An axis length bound by the first input that named the axis. */
    private record Bound(int length, String input, int[] shape, int axis) {}

    private void checkShapes(Map<String, Object> sent, InputCheck check) {
        Map<String, int[]> shapes = new HashMap<>();
        Map<String, Bound> axes = new HashMap<>();
        for (InputSpec input : inputs) {
            int[] shape = shapeOf(sent.get(input.name()));
            if (shape == null) {
                continue;
            }
            shapes.put(input.name(), shape);
            Shape chosen = choose(input, shape, shapes);
            if (chosen == null) {
                check.fail(input.name(), "must be " + expected(input, shapes) + ", got " + describe(shape));
            } else if (chosen instanceof Shape.Like like) {
                int[] other = shapes.get(like.input());
                if (!Arrays.equals(shape, other)) {
                    check.fail(
                            input.name(),
                            "has shape " + Arrays.toString(shape) + " but " + like.input() + " has shape "
                                    + Arrays.toString(other) + "; it must have the shape of " + like.input());
                }
            } else {
                bind(input.name(), shape, ((Shape.Axes) chosen).symbols(shape.length), axes, check);
            }
        }
    }

    /** The declared shapes, another input's shape with its actual extents: "the shape of predictions [2, 3]". */
    private static String expected(InputSpec input, Map<String, int[]> shapes) {
        List<String> alternatives = new ArrayList<>();
        for (Shape shape : input.shapes()) {
            int[] other = shape instanceof Shape.Like like ? shapes.get(like.input()) : null;
            alternatives.add(shape.notation() + (other == null ? "" : " " + Arrays.toString(other)));
        }
        return String.join(" or ", alternatives);
    }

    /** The first declared shape that an array of this rank can be. */
    private static Shape choose(InputSpec input, int[] shape, Map<String, int[]> shapes) {
        for (Shape candidate : input.shapes()) {
            if (candidate instanceof Shape.Like like) {
                int[] other = shapes.get(like.input());
                if (other != null && other.length == shape.length) {
                    return candidate;
                }
            } else if (((Shape.Axes) candidate).accepts(shape.length)) {
                return candidate;
            }
        }
        return null;
    }

    private static void bind(
            String input, int[] shape, List<String> symbols, Map<String, Bound> axes, InputCheck check) {
        for (int axis = 0; axis < shape.length; axis++) {
            String symbol = symbols.get(axis);
            Bound bound = axes.get(symbol);
            if (bound == null) {
                axes.put(symbol, new Bound(shape[axis], input, shape, axis));
            } else if (bound.length() != shape[axis]) {
                check.fail(
                        input,
                        "has " + count(shape, axis) + ", but " + bound.input() + " has "
                                + count(bound.shape(), bound.axis()) + "; both are " + symbol + Shape.meaning(symbol));
                return;
            }
        }
    }

    /** "3 entries", "1 row", "2 columns", "5 entries along axis 2". */
    private static String count(int[] shape, int axis) {
        int length = shape[axis];
        String what = shape.length == 1 ? "entr" : axis == 0 ? "row" : axis == shape.length - 1 ? "column" : null;
        if (what == null) {
            return length + (length == 1 ? " entry" : " entries") + " along axis " + axis;
        }
        return length + " " + what + (what.equals("entr") ? (length == 1 ? "y" : "ies") : length == 1 ? "" : "s");
    }

    private static String describe(int[] shape) {
        return shape.length == 0 ? "a number" : "an array of shape " + Arrays.toString(shape);
    }

    /** The shape of a field's value, or null for a field that is not an array or number (a flag, a choice). */
    static int[] shapeOf(Object value) {
        if (value instanceof double[] numbers) {
            return new int[] {numbers.length};
        }
        if (value instanceof int[] integers) {
            return new int[] {integers.length};
        }
        if (value instanceof Matrix matrix) {
            return new int[] {matrix.rows(), matrix.cols()};
        }
        if (value instanceof Tensor tensor) {
            return tensor.shape();
        }
        return value instanceof Number || value instanceof ExplicitDouble ? new int[0] : null;
    }

    /** Whether the record's field can hold what the input declares. */
    private static void checkType(InputSpec input, Class<?> type, Class<?> requestType) {
        int rank = type == double[].class || type == int[].class
                ? 1
                : type == Matrix.class
                        ? 2
                        : type == Double.class || type == ExplicitDouble.class || type == Integer.class
                                ? 0
                                : type == Tensor.class ? -1 : -2;
        boolean fits = rank == -1
                || rank >= 0
                        && input.shapes().stream()
                                .allMatch(shape -> shape instanceof Shape.Like || ((Shape.Axes) shape).accepts(rank));
        boolean kind = input.kind() == InputSpec.Kind.INTEGER
                ? type == int[].class || type == Integer.class || type == Tensor.class || type == Matrix.class
                : type != int[].class && type != Integer.class;
        if (!fits || !kind) {
            throw new IllegalArgumentException(requestType.getName() + "." + input.name() + " is a "
                    + type.getSimpleName() + ", which cannot hold " + input.kind() + " " + input.shape());
        }
    }

    private static Method accessible(Method accessor) {
        accessor.setAccessible(true);
        return accessor;
    }
}
