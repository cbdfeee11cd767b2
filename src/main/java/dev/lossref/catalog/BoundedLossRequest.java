package dev.lossref.catalog;

import dev.lossref.core.Forward;
import dev.lossref.core.WorkLimits;

/**
 * The request of a loss whose work can outgrow its input (mined triplets, similarity matrices, CTC
 * lattices, Hessians): it implements only the forward pass within the service's work limits, and
 * without them it runs within the defaults.
 */
public interface BoundedLossRequest extends LossRequest {

    @Override
    Forward forward(WorkLimits limits);

    @Override
    default Forward forward() {
        return forward(WorkLimits.DEFAULT);
    }
}
