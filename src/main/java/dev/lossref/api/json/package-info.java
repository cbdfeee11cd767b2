/**
 * The JSON codec: strict readers that stream JSON arrays straight into flat {@code double[]} and
 * {@code int[]} arrays, and a writer that streams results straight out of them.
 *
 * <p>Strict means what the contract says: only finite JSON numbers (no quoted numbers, "NaN",
 * {@code null} entries or {@code 1e999}), integers only where labels are expected, equal-length
 * rows, and every violation reported with its field path and index.
 */
package dev.lossref.api.json;
