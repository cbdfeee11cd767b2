package dev.lossref.catalog;

import java.util.List;

/**
 * The base of every catalog unit: a loss's entry hands its descriptor, request record, curve and
 * extra operations to this constructor, so that the unit holds only what is particular to the loss.
 */
public abstract class LossEntry implements CatalogEntry {

    private final LossDescriptor descriptor;
    private final Class<? extends LossRequest> requestType;
    private final Curve curve;
    private final List<LossOperation> operations;
    private final DeclaredInputs declaredInputs;

    protected LossEntry(
            LossDescriptor descriptor,
            Class<? extends LossRequest> requestType,
            Curve curve,
            LossOperation... operations) {
        this.descriptor = descriptor;
        this.requestType = requestType;
        this.curve = curve;
        this.operations = List.of(operations);
        this.declaredInputs = DeclaredInputs.of(descriptor, requestType);
    }

    @Override
    public final LossDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Class<? extends LossRequest> requestType() {
        return requestType;
    }

    @Override
    public final Curve curve() {
        return curve;
    }

    @Override
    public final DeclaredInputs declaredInputs() {
        return declaredInputs;
    }

    @Override
    public final List<LossOperation> operations() {
        return operations;
    }
}
