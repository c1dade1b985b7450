/**
 * Where credentials come from (keys, profile file, CVM instance role, STS AssumeRole, web identity, the SDKs' default
 * chain), refreshed before they expire and handed out one consistent set at a time.
 */
package dev.nifiocr.credentials;
