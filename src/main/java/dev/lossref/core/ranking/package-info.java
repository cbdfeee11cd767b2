/**
 * Ranking and pair losses (API.md 7.2): margin ranking, hinge embedding and cosine embedding.
 */
package dev.lossref.core.ranking;
