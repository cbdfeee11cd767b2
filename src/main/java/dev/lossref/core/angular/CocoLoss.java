package dev.lossref.core.angular;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;

/**
 * COCO loss, congenerous cosine (Liu, Li, Wang, Yan and Tang, 2017): embeddings scaled to length
 * alpha, f_hat_i = alpha x_i / ||x_i||, centers normalised, c_hat_k = c_k / ||c_k||, and softmax
 * cross-entropy on the cosine logits c_hat_k . f_hat_i. It is the margin-softmax head with the
 * class centers in place of the class weights and no margin, so it shares its normalisation and
 * backward pass with NormFace.
 */
public final class CocoLoss {

    public static final RealParameter ALPHA = RealParameter.positive("alpha", 6.25);

    private final MarginSoftmaxHead head;

    public CocoLoss(double alpha) {
        this.head = NormFace.head(ALPHA.check(alpha));
    }

    public Forward forward(Matrix embeddings, Matrix centers, int[] labels) {
        return head.onEmbeddings(embeddings, centers, labels, "centers");
    }
}
