package dev.lossref.core.angular;

import dev.lossref.core.Coefficients;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import dev.lossref.core.kernels.MatrixProducts;
import dev.lossref.core.kernels.RowNormalization;
import dev.lossref.core.kernels.Softmax;
import java.util.Map;

/**
 * The head shared by the angular-margin softmax family (L-Softmax, A-Softmax, AM-Softmax, ArcFace,
 * NormFace): cosines between embeddings and class weights, the target-logit transform, softmax
 * cross-entropy, and the backward pass to the embeddings and weights (or to the cosines).
 *
 * <p>Forward: x_hat = x / ||x||, W_hat = W / ||W|| (rows), cos = x_hat W_hat^T (one N x d x C
 * product), f_ij = a_ij h_ij(cos_ij) with h_iy the member's {@link TargetMargin} and h_ij = identity
 * for j != y_i, and l_i = -log softmax(f_i)_{y_i}.
 *
 * <p>Backward: dL/df_i = c_i (p_i - onehot); G = dL/dcos = dL/df a h'; then
 * dL/dx_hat = G W_hat and dL/dW_hat = G^T x_hat (two products), and the normalisation's backward
 * pass adds what the norms contribute when a depends on them.
 */
public final class MarginSoftmaxHead {

    private final TargetMargin margin;
    private final LogitScale scale;

    public MarginSoftmaxHead(TargetMargin margin, LogitScale scale) {
        this.margin = margin;
        this.scale = scale;
    }

    /** The loss of embeddings [N x d] against class weights [C x d]. */
    public Forward onEmbeddings(Matrix embeddings, Matrix weights, int[] labels) {
        return onEmbeddings(embeddings, weights, labels, "weights");
    }

    /**
     * The loss of embeddings [N x d] against one vector per class [C x d], named {@code classField} in
     * messages and gradients (the class weights, or COCO's centers).
     */
    public Forward onEmbeddings(Matrix embeddings, Matrix weights, int[] labels, String classField) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        int classes = weights.rows();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "embeddings")
                .nonEmpty(classes, classField)
                .sameLength(labels.length, n, "labels", "embeddings");
        check.require(n == 0 || d > 0, "embeddings", "rows must not be empty");
        check.require(
                classes == 0 || weights.cols() == d,
                classField,
                "rows have " + weights.cols() + " entries but embeddings rows have " + d);
        check.throwIfFailed();
        check.labelsBelow(labels, classes, "labels").throwIfFailed();
        RowNormalization x = RowNormalization.of(embeddings, "embeddings");
        RowNormalization w = RowNormalization.of(weights, classField);
        double[] cosines =
                MatrixProducts.timesTransposed(x.unit().data(), n, w.unit().data(), classes, d);
        clampToUnitInterval(cosines);
        Logits logits = logits(cosines, n, classes, labels, x.norms(), w.norms());
        return new HeadForward(logits) {
            @Override
            public Gradients backward(Coefficients coefficients) {
                double[] logitGradient = logits.logitGradient(coefficients);
                double[] embeddingNormGradient = scale.usesEmbeddingNorm() ? new double[n] : null;
                double[] weightNormGradient = scale.usesWeightNorm() ? new double[classes] : null;
                normGradients(logitGradient, logits, x.norms(), w.norms(), embeddingNormGradient, weightNormGradient);
                double[] cosineGradient = cosineGradient(logitGradient, logits);
                double[] unitEmbeddingGradient = MatrixProducts.times(
                        cosineGradient, n, classes, w.unit().data(), d);
                double[] unitWeightGradient = MatrixProducts.transposedTimes(
                        cosineGradient, n, classes, x.unit().data(), d);
                return new Gradients()
                        .put(
                                "embeddings",
                                Tensor.matrix(x.backward(unitEmbeddingGradient, embeddingNormGradient), n, d))
                        .put(classField, Tensor.matrix(w.backward(unitWeightGradient, weightNormGradient), classes, d));
            }
        };
    }

    /** The loss of cosines [N x C] in [-1, 1] given directly (members whose logits need no norms). */
    public Forward onCosines(Matrix cosines, int[] labels) {
        if (scale.needsNorms()) {
            throw new InvalidInputException(
                    "cosines", "this loss needs the vectors' lengths; send embeddings and weights");
        }
        int n = cosines.rows();
        int classes = cosines.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "cosines").sameLength(labels.length, n, "labels", "cosines");
        check.require(n == 0 || classes > 0, "cosines", "rows must not be empty");
        check.throwIfFailed();
        check.labelsBelow(labels, classes, "labels")
                .allWithin(cosines, -1, 1, "cosines")
                .throwIfFailed();
        Logits logits = logits(cosines.data(), n, classes, labels, null, null);
        return new HeadForward(logits) {
            @Override
            public Gradients backward(Coefficients coefficients) {
                double[] gradient = cosineGradient(logits.logitGradient(coefficients), logits);
                return new Gradients().put("cosines", Tensor.matrix(gradient, n, classes));
            }
        };
    }

    private Logits logits(
            double[] cosines, int n, int classes, int[] labels, double[] embeddingNorms, double[] weightNorms) {
        double[] logits = new double[cosines.length];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            double embeddingNorm = embeddingNorms == null ? 1 : embeddingNorms[i];
            for (int j = 0; j < classes; j++) {
                double c = cosines[row + j];
                double transformed = j == labels[i] ? margin.apply(c) : c;
                logits[row + j] = scale.value(embeddingNorm, weightNorms == null ? 1 : weightNorms[j]) * transformed;
            }
        }
        return new Logits(cosines, logits, n, classes, labels, embeddingNorms, weightNorms);
    }

    /** dL/dcos = dL/df a h', computed in place over dL/df. */
    private double[] cosineGradient(double[] logitGradient, Logits logits) {
        int classes = logits.classes;
        double[] gradient = logitGradient;
        for (int i = 0; i < logits.samples; i++) {
            int row = i * classes;
            double embeddingNorm = logits.embeddingNorms == null ? 1 : logits.embeddingNorms[i];
            for (int j = 0; j < classes; j++) {
                double a = scale.value(embeddingNorm, logits.weightNorms == null ? 1 : logits.weightNorms[j]);
                double slope = j == logits.labels[i] ? margin.derivative(logits.cosines[row + j]) : 1;
                gradient[row + j] = logitGradient[row + j] * a * slope;
            }
        }
        return gradient;
    }

    /** dL/d||x_i|| and dL/d||W_j|| through the scale a_ij, where the member's logits depend on them. */
    private void normGradients(
            double[] logitGradient,
            Logits logits,
            double[] embeddingNorms,
            double[] weightNorms,
            double[] embeddingNormGradient,
            double[] weightNormGradient) {
        if (embeddingNormGradient == null && weightNormGradient == null) {
            return;
        }
        int classes = logits.classes;
        for (int i = 0; i < logits.samples; i++) {
            int row = i * classes;
            for (int j = 0; j < classes; j++) {
                double c = logits.cosines[row + j];
                double transformed = j == logits.labels[i] ? margin.apply(c) : c;
                double g = logitGradient[row + j] * transformed;
                if (embeddingNormGradient != null) {
                    embeddingNormGradient[i] += g * (weightNormGradient != null ? weightNorms[j] : 1);
                }
                if (weightNormGradient != null) {
                    weightNormGradient[j] += g * embeddingNorms[i];
                }
            }
        }
    }

    /** Rounding can put x_hat . W_hat a hair outside [-1, 1], where arccos and sqrt(1 - c^2) fail. */
    private static void clampToUnitInterval(double[] cosines) {
        for (int k = 0; k < cosines.length; k++) {
            cosines[k] = Math.max(-1, Math.min(1, cosines[k]));
        }
    }

    /** The logits of a batch and their softmax. */
    private static final class Logits {
        final double[] cosines;
        final int samples;
        final int classes;
        final int[] labels;
        final double[] embeddingNorms;
        final double[] weightNorms;
        final Softmax softmax;
        final double[] perSample;
        /** f_{y_i}: each sample's target logit after the margin, as the softmax sees it. */
        final double[] targetLogits;

        Logits(
                double[] cosines,
                double[] logits,
                int samples,
                int classes,
                int[] labels,
                double[] embeddingNorms,
                double[] weightNorms) {
            this.cosines = cosines;
            this.samples = samples;
            this.classes = classes;
            this.labels = labels;
            this.embeddingNorms = embeddingNorms;
            this.weightNorms = weightNorms;
            this.softmax = Softmax.of(new Matrix(samples, classes, logits));
            this.perSample = new double[samples];
            this.targetLogits = new double[samples];
            for (int i = 0; i < samples; i++) {
                perSample[i] = -softmax.logProbability(i, labels[i]);
                targetLogits[i] = logits[i * classes + labels[i]];
            }
        }

        /**
         * c_i (softmax - onehot) for each row i, with p_y - 1 as expm1(log p_y) to keep confident rows exact;
         * written over the probabilities, which are not needed afterwards.
         */
        double[] logitGradient(Coefficients coefficients) {
            double[] gradient = softmax.probabilities();
            for (int i = 0; i < samples; i++) {
                double coefficient = coefficients.at(i);
                int row = i * classes;
                for (int j = 0; j < classes; j++) {
                    gradient[row + j] *= coefficient;
                }
                gradient[row + labels[i]] = coefficient * Math.expm1(-perSample[i]);
            }
            return gradient;
        }
    }

    private abstract static class HeadForward implements Forward {
        private final Logits logits;

        HeadForward(Logits logits) {
            this.logits = logits;
        }

        @Override
        public double[] perSample() {
            return logits.perSample;
        }

        /** The target logits, so that a client can see the margin at work (and the gallery draw it against theta). */
        @Override
        public Map<String, Tensor> extras() {
            return Map.of("targetLogits", Tensor.vector(logits.targetLogits.clone()));
        }
    }
}
