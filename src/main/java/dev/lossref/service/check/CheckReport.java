package dev.lossref.service.check;

import java.util.List;

/**
 * The report of a check (docs/http-api.md 7): every claimed field judged, the fields that could have been claimed
 * and were not, and the verified hints for the failing ones.
 *
 * @param loss the loss's name
 * @param verdict {@code pass} when every claimed field passed, else {@code fail}
 * @param rtol the relative tolerance applied
 * @param atol the absolute tolerance applied
 * @param fields the judgement of each claimed field, in the order claimed
 * @param unclaimed the claimable fields of the answer that were not claimed
 * @param hints the likely causes of the failures, each verified on the claimed numbers
 */
public record CheckReport(
        String loss,
        String verdict,
        double rtol,
        double atol,
        List<Judgement> fields,
        List<String> unclaimed,
        List<Hint> hints) {}
