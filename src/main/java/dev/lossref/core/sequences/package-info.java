/**
 * Sequence losses: connectionist temporal classification, its alignment lattice in log space.
 */
package dev.lossref.core.sequences;
