package dev.lossref.service;

/**
 * A marker for failures that the API layer raises while reading a request (too large, unreadable),
 * so that the metrics count them as rejected rather than as errors of the service.
 */
public interface RejectedRequestException {}
