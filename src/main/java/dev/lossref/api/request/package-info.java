/**
 * One request record per loss: the fields of its JSON body, read straight into flat arrays, and the
 * mapping from those fields to the core's forward pass (which inputs were sent, which defaults apply).
 */
package dev.lossref.api.request;
