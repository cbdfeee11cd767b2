/**
 * The service layer: finds a loss by name in the catalog, evaluates a parsed request with the
 * requested reduction, and records a timer and a counter per loss and outcome. It knows neither
 * HTTP nor JSON.
 */
package dev.lossref.service;
