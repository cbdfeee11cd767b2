/**
 * The HTTP layer: controllers, the strict request reader, the response shape, problem details for
 * every error a client can cause, and the OpenAPI operations generated from the catalog.
 */
package dev.lossref.api;
