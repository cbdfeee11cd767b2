/**
 * Curves of the losses along their natural axes, as JSON and as server-rendered SVG, and the
 * gallery page that shows them. Every point is computed by evaluating a request with the loss's own
 * code through the same reader and service as {@code POST /losses/{name}}.
 */
package dev.lossref.api.curve;
