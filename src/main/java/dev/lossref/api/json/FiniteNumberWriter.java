package dev.lossref.api.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a number of an answer, refusing NaN and the infinities: an answer never holds one (the service
 * checks every answer before it is written), so one here is a bug to fail on, not a string to write.
 */
final class FiniteNumberWriter extends ValueSerializer<Double> {

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
        generator.writeNumber(finite(value));
    }

    static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("an answer holds a number that is not finite (" + value + "): a bug");
        }
        return value;
    }
}
