/**
 * Losses over C classes on logits: softmax cross-entropy and focal loss.
 */
package dev.lossref.core.classification;
