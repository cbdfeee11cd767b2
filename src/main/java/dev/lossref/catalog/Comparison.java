package dev.lossref.catalog;

import java.util.List;

/**
 * A plot that compares losses, or settings of one loss, on one axis: the gallery shows these before
 * the losses one by one. They name losses, so they live in the catalog with the losses.
 *
 * @param plot the path and query of the {@code /curves.svg} or {@code /losses/{name}/curve.svg} plot
 * @param alt the image's text alternative
 * @param caption what the plot shows
 */
public record Comparison(String plot, String alt, String caption) {

    /**
     * The classic comparisons: the 0-1 loss and its surrogates, focal loss's gamma, the margin softmaxes, contrastive.
     */
    public static final List<Comparison> GALLERY = List.of(
            new Comparison(
                    "/curves.svg?losses=zero-one,hinge,exponential,binary-cross-entropy",
                    "The 0-1 loss and its surrogates against the margin",
                    "The 0-1 loss and its convex surrogates against the margin m = y f."),
            new Comparison(
                    "/curves.svg?loss=focal&vary=gamma&values=0,0.5,1,2,5&alpha=null",
                    "Focal loss against p_t for several gamma",
                    "Focal loss against p_t for gamma = 0, 0.5, 1, 2, 5 (no alpha weighting), as in Lin et al."),
            new Comparison(
                    "/curves.svg?losses=normface,additive-margin-softmax,arcface,angular-softmax",
                    "Margin softmax losses against the angle",
                    "The margin-softmax family against the angle to the class weight."),
            new Comparison(
                    "/losses/contrastive/curve.svg",
                    "Contrastive loss against the distance",
                    "Contrastive loss against the distance, for similar and dissimilar pairs."));
}
