/**
 * One catalog entry per loss: the text that teaches it, and the request record its body is read into.
 */
package dev.lossref.catalog.entries;
