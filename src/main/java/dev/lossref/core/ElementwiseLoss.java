package dev.lossref.core;

/**
 * A loss applied element by element to an input x and a target t of one shape, [N] or [N x d]:
 * perSample has the input's shape, the mean is over all elements (as PyTorch's elementwise losses),
 * and the second derivatives are a diagonal of the input's shape. Each loss states its value, first
 * and second derivative per element; this class does the shapes, the checks and the wiring.
 */
public abstract class ElementwiseLoss {

    /**
     * Fills {@code loss[k]} and {@code derivative[k]} (d loss / d x_k) for every element.
     *
     * @param x the model-side input
     * @param t the target of each element
     */
    protected abstract void evaluate(double[] x, double[] t, double[] loss, double[] derivative);

    /** Fills {@code second[k]} with d^2 loss / d x_k^2, the branch PyTorch's double backward takes at a kink. */
    protected abstract void secondDerivatives(double[] x, double[] t, double[] second);

    /** Checks the values of the input and the targets (a domain such as t >= 0); shapes are checked already. */
    protected void checkValues(InputCheck check, String inputField, Tensor input, String targetField, Tensor target) {}

    /**
     * The loss of {@code input} against {@code target}.
     *
     * @param inputField the name of the model-side input, under which its gradient is returned
     * @param targetField the name of the targets (or labels), for messages
     */
    public SecondOrderForward on(String inputField, Tensor input, String targetField, Tensor target) {
        InputCheck check = new InputCheck().nonEmpty(input.data().length, inputField);
        check.require(
                input.sameShape(target),
                targetField,
                "has shape " + shape(target) + " but " + inputField + " has shape " + shape(input));
        check.throwIfFailed();
        checkValues(check, inputField, input, targetField, target);
        check.throwIfFailed();
        double[] x = input.data();
        double[] t = target.data();
        double[] loss = new double[x.length];
        double[] derivative = new double[x.length];
        evaluate(x, t, loss, derivative);
        for (int k = 0; k < loss.length; k++) {
            if (!Double.isFinite(loss[k]) || !Double.isFinite(derivative[k])) {
                throw new UnrepresentableResultException(
                        input.path(inputField, k), "the loss or its derivative " + "overflows float64 at this element");
            }
        }
        int[] shape = input.shape();
        return Forward.withHessians(loss, shape, (coefficients, hessians) -> {
            if (hessians != null) {
                double[] second = new double[x.length];
                secondDerivatives(x, t, second);
                for (int k = 0; k < x.length; k++) {
                    second[k] *= coefficients.at(k);
                    if (!Double.isFinite(second[k])) {
                        throw new UnrepresentableResultException(
                                input.path(inputField, k), "the second derivative overflows float64 at this element");
                    }
                }
                hessians.put(inputField, Tensor.of(shape, second));
            }
            double[] gradient = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                gradient[k] = coefficients.at(k) * derivative[k];
            }
            return new Gradients().put(inputField, Tensor.of(shape, gradient));
        });
    }

    private static String shape(Tensor tensor) {
        return java.util.Arrays.toString(tensor.shape());
    }
}
