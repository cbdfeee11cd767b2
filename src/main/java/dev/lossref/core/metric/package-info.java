/**
 * Embedding and metric learning: center, contrastive and triplet losses, the distances between
 * embeddings and the triplet miners.
 */
package dev.lossref.core.metric;
