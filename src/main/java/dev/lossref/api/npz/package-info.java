/**
 * NumPy's binary formats (docs/http-api.md 8): {@code .npy} arrays and {@code .npz} archives of them, read and
 * written with the JDK alone. Hostile archives are refused before they cost memory: declared sizes are
 * checked against the limits from each array's header before its data is read or inflated.
 */
package dev.lossref.api.npz;
