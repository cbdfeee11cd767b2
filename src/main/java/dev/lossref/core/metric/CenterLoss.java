package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.classification.SoftmaxCrossEntropy;

/**
 * Center loss (Wen, Zhang, Li and Qiao, ECCV 2016): pulls each embedding towards the center of its
 * class, l_i = lambda / 2 ||x_i - c_{y_i}||^2, usually added to softmax cross-entropy (the joint
 * loss, when logits are sent), which keeps the classes apart while the center term makes them compact.
 *
 * <p>Gradients are the true derivatives of the value: lambda (x_i - c_{y_i}) for the embeddings and
 * -lambda sum_{i: y_i = j} (x_i - c_j) for the centers. The paper does not descend that gradient
 * for the centers; it moves each center by its own rule, c_j - alpha delta_j with
 * delta_j = sum_{i: y_i = j} (c_j - x_i) / (1 + n_j), returned as {@code updatedCenters} (independent
 * of lambda; classes absent from the batch stay where they are).
 */
public final class CenterLoss {

    public static final RealParameter LAMBDA = RealParameter.atLeast("lambda", 1, 0);
    public static final RealParameter ALPHA = RealParameter.within("alpha", 0.5, 0, 1);

    private final double lambda;
    private final double alpha;

    public CenterLoss(double lambda, double alpha) {
        this.lambda = LAMBDA.check(lambda);
        this.alpha = ALPHA.check(alpha);
    }

    /**
     * @param logits [N x C] for the joint loss with softmax cross-entropy, or null
     */
    public Forward forward(Matrix embeddings, int[] labels, Matrix centers, Matrix logits) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        int classes = centers.rows();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "embeddings")
                .nonEmpty(classes, "centers")
                .sameLength(labels.length, n, "labels", "embeddings");
        check.require(
                classes == 0 || centers.cols() == d,
                "centers",
                "rows have " + centers.cols() + " entries but embeddings rows have " + d);
        if (logits != null) {
            check.sameLength(logits.rows(), n, "logits", "embeddings");
            check.require(
                    logits.cols() == classes,
                    "logits",
                    "has " + logits.cols() + " columns but there are " + classes + " centers (classes)");
        }
        check.throwIfFailed();
        check.labelsBelow(labels, classes, "labels").throwIfFailed();

        double[] x = embeddings.data();
        double[] c = centers.data();
        double[] differences = new double[x.length];
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            int center = labels[i] * d;
            double squared = 0;
            for (int j = 0; j < d; j++) {
                double difference = x[row + j] - c[center + j];
                differences[row + j] = difference;
                squared += difference * difference;
            }
            perSample[i] = lambda / 2 * squared;
        }
        Forward softmax = logits == null ? null : new SoftmaxCrossEntropy(0, null).withLabels(logits, labels);
        if (softmax != null) {
            double[] crossEntropy = softmax.perSample();
            for (int i = 0; i < n; i++) {
                perSample[i] += crossEntropy[i];
            }
        }
        Tensor updatedCenters = Tensor.matrix(updatedCenters(differences, labels, c, classes, d), classes, d);
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] embeddingGradient = new double[x.length];
                    double[] centerGradient = new double[c.length];
                    for (int i = 0; i < n; i++) {
                        int row = i * d;
                        int center = labels[i] * d;
                        for (int j = 0; j < d; j++) {
                            double g = coefficients.at(i) * lambda * differences[row + j];
                            embeddingGradient[row + j] = g;
                            centerGradient[center + j] -= g;
                        }
                    }
                    Gradients gradients = new Gradients()
                            .put("embeddings", Tensor.matrix(embeddingGradient, n, d))
                            .put("centers", Tensor.matrix(centerGradient, classes, d));
                    if (softmax != null) {
                        gradients.put(
                                "logits", softmax.backward(coefficients).asMap().get("logits"));
                    }
                    return gradients;
                },
                java.util.Map.of("updatedCenters", updatedCenters));
    }

    /** c_j - alpha sum_{i: y_i = j} (c_j - x_i) / (1 + n_j), from the differences x_i - c_{y_i}. */
    private double[] updatedCenters(double[] differences, int[] labels, double[] centers, int classes, int d) {
        double[] sums = new double[centers.length];
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]]++;
            int row = i * d;
            int center = labels[i] * d;
            for (int j = 0; j < d; j++) {
                sums[center + j] -= differences[row + j];
            }
        }
        double[] updated = centers.clone();
        for (int k = 0; k < classes; k++) {
            if (counts[k] > 0) {
                double step = alpha / (1 + counts[k]);
                for (int j = 0; j < d; j++) {
                    updated[k * d + j] -= step * sums[k * d + j];
                }
            }
        }
        return updated;
    }
}
