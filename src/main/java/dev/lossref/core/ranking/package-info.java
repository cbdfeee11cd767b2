/**
 * Ranking and pair losses: margin ranking, hinge embedding and cosine embedding.
 */
package dev.lossref.core.ranking;
