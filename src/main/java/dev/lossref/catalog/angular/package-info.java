/**
 * Catalog units of the angular-margin family: each entry with its request record, and the inputs,
 * outputs and references the members share.
 */
package dev.lossref.catalog.angular;
