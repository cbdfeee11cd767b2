package dev.lossref.catalog;

/**
 * A paper or reference implementation.
 *
 * @param citation authors, title, venue and year
 * @param url where to read it
 */
public record Reference(String citation, String url) {}
