/**
 * The client service implementation, composed of facets that each own their properties, checks, start and stop and
 * Verify step; processors never import it (they use {@code dev.nifiocr.service.api}).
 */
package dev.nifiocr.service;
