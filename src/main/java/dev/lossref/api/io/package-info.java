/**
 * What the answer writers share: {@link dev.lossref.api.io.ParallelBlockWriter}, which produces a long answer's
 * bytes on all cores while the calling thread sends what is ready.
 */
package dev.lossref.api.io;
