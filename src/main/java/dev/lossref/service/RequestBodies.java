package dev.lossref.service;

import java.util.Map;

/**
 * How a request given as a JSON-like tree (names to numbers, lists, strings) becomes a body the service can
 * read, with the same strictness and messages as a client's body: for the check, which evaluates the
 * client's request changed (reduction sum, an alternative convention), and the test cases.
 */
@FunctionalInterface
public interface RequestBodies {

    RequestBody of(Map<String, Object> request);
}
