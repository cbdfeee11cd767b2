package dev.lossref.core.angular;

/**
 * What one member of the angular-margin family contributes to {@link MarginSoftmaxHead}: the
 * transform h of the target's cosine, f_y = a h(cos theta_y), and its derivative (the other logits are
 * a cos theta_j, and a is the member's {@link LogitScale}).
 */
public interface TargetMargin {

    /** h(cos theta_y). */
    double apply(double cosTheta);

    /** dh / d cos theta_y, as used in the backward pass. */
    double derivative(double cosTheta);
}
