package dev.lossref.service.check;

import dev.lossref.core.Tensor;
import java.util.function.Function;

/**
 * The answer to the client's request under one documented alternative convention (ArcFace's detached
 * margin, PyTorch's CTC gradient), field by field, computed only when a failing field asks for it.
 *
 * @param description the convention, as a hint names it
 * @param field the answer's field under the convention, by the claimed field's name; null where the
 *     convention does not apply to this request or does not give that field
 */
public record ConventionAnswer(String description, Function<String, Tensor> field) {}
