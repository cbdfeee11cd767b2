/**
 * Judging a client's own implementation against the service's answer (docs/http-api.md 7): element-wise
 * tolerances, the worst element, and hints that are each verified on the claimed numbers.
 */
package dev.lossref.service.check;
