/**
 * The angular-margin family: one margin-softmax head (normalisation, cosines, softmax, backward
 * pass) and the target-margin transform of each member (L-Softmax, A-Softmax, AM-Softmax, ArcFace,
 * NormFace), and COCO on normalised class centers.
 */
package dev.lossref.core.angular;
