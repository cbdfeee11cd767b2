package dev.lossref.bench;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.angular.ArcFace;
import dev.lossref.core.classification.FocalLoss;
import dev.lossref.core.classification.SoftmaxCrossEntropy;
import dev.lossref.core.metric.Distance;
import dev.lossref.core.metric.NtXentLoss;
import dev.lossref.core.metric.SupervisedContrastiveLoss;
import dev.lossref.core.metric.TripletLoss;
import dev.lossref.core.metric.TripletMining;
import dev.lossref.core.regression.SmoothL1Loss;
import dev.lossref.core.scores.HingeLoss;
import dev.lossref.core.sequences.ConnectionistTemporalClassification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The core workloads of issue 6, forward plus backward in float64, shared by the JMH suite
 * ({@link CoreBenchmark}) and the side-by-side timer ({@link SideBySide}) so that both measure the
 * same thing as bench/torch_workloads.py.
 */
public final class CoreWorkloads {

    private CoreWorkloads() {}

    /** Each workload by name: a factory of the inputs, returning the work to time. */
    public static Map<String, Supplier<Runnable>> all() {
        Map<String, Supplier<Runnable>> workloads = new LinkedHashMap<>();
        workloads.put("softmax-cross-entropy 4096x1000", CoreWorkloads::softmaxCrossEntropy);
        workloads.put("softmax-cross-entropy 4096x1000 with hessians", CoreWorkloads::softmaxCrossEntropyWithHessians);
        workloads.put("arcface N=256 d=512 C=10000", CoreWorkloads::arcFace);
        workloads.put("triplet explicit N=4096 d=128", CoreWorkloads::tripletExplicit);
        workloads.put("triplet batch-hard N=1024 d=128", CoreWorkloads::tripletBatchHard);
        workloads.put("focal binary N=1e6", CoreWorkloads::focalBinary);
        workloads.put("hinge N=1e6", CoreWorkloads::hinge);
        workloads.put("ctc N=32 T=200 C=30 S=40", CoreWorkloads::ctc);
        workloads.put("smooth-l1 1000x1000 with hessians", CoreWorkloads::smoothL1WithHessians);
        workloads.put("nt-xent N=512 d=128", CoreWorkloads::ntXent);
        workloads.put("supervised-contrastive N=512 d=128", CoreWorkloads::supervisedContrastive);
        return workloads;
    }

    static Runnable softmaxCrossEntropy() {
        SplittableRandom random = new SplittableRandom(1);
        Matrix logits = gaussian(random, 4096, 1000);
        int[] labels = random.ints(4096, 0, 1000).toArray();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0, null);
        return () -> Evaluation.of(loss.withLabels(logits, labels), ReductionMode.MEAN, true);
    }

    /** The same batch as {@link #softmaxCrossEntropy}, with the diagonal Hessian in the gradient's pass. */
    static Runnable softmaxCrossEntropyWithHessians() {
        SplittableRandom random = new SplittableRandom(1);
        Matrix logits = gaussian(random, 4096, 1000);
        int[] labels = random.ints(4096, 0, 1000).toArray();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0, null);
        return () -> Evaluation.of(loss.withLabels(logits, labels), ReductionMode.MEAN, true, true, false);
    }

    static Runnable arcFace() {
        SplittableRandom random = new SplittableRandom(2);
        Matrix embeddings = gaussian(random, 256, 512);
        Matrix weights = gaussian(random, 10_000, 512);
        int[] labels = random.ints(256, 0, 10_000).toArray();
        var head = ArcFace.head(64, 0.5, false, false);
        return () -> Evaluation.of(head.onEmbeddings(embeddings, weights, labels), ReductionMode.MEAN, true);
    }

    static Runnable tripletExplicit() {
        SplittableRandom random = new SplittableRandom(3);
        Matrix anchors = gaussian(random, 4096, 128);
        Matrix positives = gaussian(random, 4096, 128);
        Matrix negatives = gaussian(random, 4096, 128);
        TripletLoss loss = new TripletLoss(0.2, Distance.SQUARED_EUCLIDEAN);
        return () -> Evaluation.of(loss.explicit(anchors, positives, negatives), ReductionMode.MEAN, true);
    }

    static Runnable tripletBatchHard() {
        SplittableRandom random = new SplittableRandom(4);
        Matrix embeddings = gaussian(random, 1024, 128);
        int[] labels = random.ints(1024, 0, 64).toArray();
        TripletLoss loss = new TripletLoss(0.2, Distance.SQUARED_EUCLIDEAN);
        return () -> Evaluation.of(
                loss.mined(embeddings, labels, TripletMining.BATCH_HARD, WorkLimits.DEFAULT), ReductionMode.MEAN, true);
    }

    static Runnable focalBinary() {
        SplittableRandom random = new SplittableRandom(5);
        double[] logits = gaussian(random, 1, 1_000_000).data();
        int[] labels = random.ints(1_000_000, 0, 2).toArray();
        FocalLoss loss = new FocalLoss(2);
        return () -> Evaluation.of(loss.binaryOnLogits(logits, labels, 0.25), ReductionMode.MEAN, true);
    }

    static Runnable hinge() {
        SplittableRandom random = new SplittableRandom(6);
        double[] scores = gaussian(random, 1, 1_000_000).data();
        int[] labels = random.ints(1_000_000, 0, 2).map(bit -> 2 * bit - 1).toArray();
        return () -> Evaluation.of(new HingeLoss(labels, 1).onScores("scores", scores), ReductionMode.MEAN, true);
    }

    /** An elementwise loss on a million elements, gradients and second derivatives in one pass. */
    static Runnable smoothL1WithHessians() {
        SplittableRandom random = new SplittableRandom(10);
        Tensor predictions = Tensor.of(gaussian(random, 1000, 1000));
        Tensor targets = Tensor.of(gaussian(random, 1000, 1000));
        SmoothL1Loss loss = new SmoothL1Loss(1);
        return () -> Evaluation.of(
                loss.on("predictions", predictions, "targets", targets), ReductionMode.MEAN, true, true, false);
    }

    static Runnable ctc() {
        SplittableRandom random = new SplittableRandom(7);
        Tensor logits = Tensor.volume(gaussian(random, 32 * 200, 30).data(), 32, 200, 30);
        double[] targets = random.ints(32 * 40, 1, 30).asDoubleStream().toArray();
        int[] inputLengths =
                java.util.stream.IntStream.generate(() -> 200).limit(32).toArray();
        int[] targetLengths =
                java.util.stream.IntStream.generate(() -> 40).limit(32).toArray();
        var loss = new ConnectionistTemporalClassification(0, false);
        return () -> Evaluation.of(
                loss.forward(
                        logits,
                        ConnectionistTemporalClassification.Input.LOGITS,
                        inputLengths,
                        new Matrix(32, 40, targets),
                        targetLengths,
                        WorkLimits.DEFAULT),
                ReductionMode.MEAN,
                true);
    }

    /** Two views of 256 images, PML's default temperature. */
    static Runnable ntXent() {
        Matrix embeddings = gaussian(new SplittableRandom(8), 512, 128);
        int[] labels = twoViews(256);
        NtXentLoss loss = new NtXentLoss(0.07);
        return () -> Evaluation.of(loss.forward(embeddings, labels, WorkLimits.DEFAULT), ReductionMode.MEAN, true);
    }

    static Runnable supervisedContrastive() {
        Matrix embeddings = gaussian(new SplittableRandom(9), 512, 128);
        int[] labels = twoViews(256);
        SupervisedContrastiveLoss loss = new SupervisedContrastiveLoss(0.1);
        return () -> Evaluation.of(loss.forward(embeddings, labels, WorkLimits.DEFAULT), ReductionMode.MEAN, true);
    }

    /** Labels 0, 1, ..., images - 1, twice: torch.arange(images).repeat(2). */
    private static int[] twoViews(int images) {
        int[] labels = new int[2 * images];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = k % images;
        }
        return labels;
    }

    private static Matrix gaussian(SplittableRandom random, int rows, int cols) {
        double[] data = new double[rows * cols];
        for (int k = 0; k < data.length; k++) {
            data[k] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return new Matrix(rows, cols, data);
    }
}
