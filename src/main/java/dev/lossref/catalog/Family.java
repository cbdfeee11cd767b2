package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** The families of losses, in the order the catalog tells them: from one score per sample to sequences. */
public enum Family {
    SCORES("scores", "Losses on scores (margin losses, square loss, log loss; or a linear model's scores)"),
    REGRESSION("regression", "Elementwise regression (PyTorch's regression losses and more)"),
    CLASSIFICATION("classification", "Classification over classes"),
    RANKING("ranking", "Ranking and pairs"),
    ANGULAR_MARGIN("angular-margin", "Angular-margin softmax (face recognition)"),
    METRIC_LEARNING("metric-learning", "Embedding and metric learning"),
    SEQUENCES("sequences", "Sequences (alignment-free)");

    private final String wireName;
    private final String title;

    Family(String wireName, String title) {
        this.wireName = wireName;
        this.title = title;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String title() {
        return title;
    }
}
