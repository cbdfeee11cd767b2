package dev.lossref.api;

import dev.lossref.catalog.scores.BoostingStepRequest;
import dev.lossref.core.scores.AdaBoostStep;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /losses/exponential/boosting-step}: one AdaBoost stage (API.md 4.3). */
@RestController
@Tag(name = "losses")
class BoostingStepController {

    static final String PATH = "/losses/exponential/boosting-step";

    private final LossService service;
    private final RequestReader reader;

    BoostingStepController(LossService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "exponentialBoostingStep",
            summary = "One AdaBoost stage as stagewise minimisation of the exponential loss",
            description = "Sample weights w_i proportional to exp(-y_i f_i), the weighted error R of the weak learner, "
                    + "its weight theta = 1/2 log((1 - R) / R) (the exact minimiser of the exponential loss along "
                    + "the weak learner), the updated scores f + theta phi, and the loss before and after. "
                    + "R = 0 or 1 (theta unbounded) and overflow answer 422. See GET /losses/exponential.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = BoostingStepRequest.class),
                    examples = @ExampleObject(name = "first stage", value = """
                            {"scores": [0, 0, 0, 0, 0], "labels": [1, 1, -1, -1, 1], \
                            "weakPredictions": [1, 1, -1, 1, 1]}"""))),
            responses = {
                @ApiResponse(responseCode = "200", description = "The stage"),
                @ApiResponse(responseCode = "400", description = "Invalid input",
                        content = @Content(mediaType = "application/problem+json",
                                schema = @Schema(ref = "#/components/schemas/Problem"))),
                @ApiResponse(responseCode = "422", description = "R is 0 or 1, or exp(-y f) overflows",
                        content = @Content(mediaType = "application/problem+json",
                                schema = @Schema(ref = "#/components/schemas/Problem")))})
    BoostingStepResponse step(HttpServletRequest request) {
        return service.observe("exponential/boosting-step", () -> {
            BoostingStepRequest body = reader.read(request, BoostingStepRequest.class);
            return BoostingStepResponse.of(body.step());
        });
    }


    /**
     * One AdaBoost stage.
     *
     * @param sampleWeights w [N], normalised, proportional to exp(-y f)
     * @param weightedError R, the weight of the samples the weak learner gets wrong
     * @param classifierWeight theta = 1/2 log((1 - R) / R)
     * @param updatedScores f + theta phi [N]
     * @param lossBefore sum_i exp(-y_i f_i)
     * @param lossAfter sum_i exp(-y_i (f_i + theta phi_i)), the minimum over theta
     */
    record BoostingStepResponse(
            @Schema(type = "array", description = "w [N]") Tensor sampleWeights,
            double weightedError,
            double classifierWeight,
            @Schema(type = "array", description = "f + theta phi [N]") Tensor updatedScores,
            double lossBefore,
            double lossAfter) {

        static BoostingStepResponse of(AdaBoostStep.Result result) {
            return new BoostingStepResponse(Tensor.vector(result.sampleWeights()), result.weightedError(),
                    result.classifierWeight(), Tensor.vector(result.updatedScores()), result.lossBefore(),
                    result.lossAfter());
        }
    }
}
