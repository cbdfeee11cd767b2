package dev.lossref.api.request;

import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.metric.TripletLoss;
import dev.lossref.core.WorkLimits;
import dev.lossref.service.LossRequest;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The body of {@code POST /losses/triplet} (API.md 4.10): explicit triplets, or embeddings with
 * labels and a mining strategy.
 */
public record TripletRequest(
        Matrix anchors,
        Matrix positives,
        Matrix negatives,
        Matrix embeddings,
        int[] labels,
        String mining,
        String distance,
        Double margin,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        return forward(WorkLimits.DEFAULT);
    }

    @Override
    public Forward forward(WorkLimits limits) {
        TripletLoss loss = new TripletLoss(Inputs.orDefault(margin, TripletLoss.DEFAULT_MARGIN),
                distance == null ? TripletLoss.Distance.SQUARED_EUCLIDEAN
                        : parse(distance, "distance", TripletLoss.Distance.values(), TripletLoss.Distance::wireName));
        InputCheck check = new InputCheck();
        boolean explicit = anchors != null || positives != null || negatives != null;
        boolean mined = embeddings != null || labels != null || mining != null;
        if (explicit && mined) {
            check.fail("embeddings", "send either anchors, positives and negatives, or embeddings, labels and mining");
        } else if (explicit) {
            check.present(anchors, "anchors").present(positives, "positives").present(negatives, "negatives");
        } else {
            check.present(embeddings, "embeddings").present(labels, "labels").present(mining, "mining");
        }
        check.throwIfFailed();
        if (explicit) {
            return loss.explicit(anchors, positives, negatives);
        }
        TripletLoss.Mining strategy = parse(mining, "mining", TripletLoss.Mining.values(), TripletLoss.Mining::wireName);
        return loss.mined(embeddings, labels, strategy, limits);
    }

    @Override
    public Set<Reduction> supportedReductions() {
        return EnumSet.allOf(Reduction.class);
    }

    private static <E> E parse(String value, String field, E[] choices, Function<E, String> name) {
        for (E choice : choices) {
            if (name.apply(choice).equals(value)) {
                return choice;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E choice : choices) {
            known.append(known.length() == 0 ? "" : ", ").append('"').append(name.apply(choice)).append('"');
        }
        throw new InvalidInputException(field, "must be one of " + known);
    }
}
