/**
 * Judging a client's own implementation against the service's answer (API.md 9): element-wise
 * tolerances, the worst element, and hints that are each verified on the claimed numbers.
 */
package dev.lossref.service.check;
