package dev.nifiocr.request;

import dev.nifiocr.error.ErrorClassifier;
import dev.nifiocr.net.HostAddresses;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks an Image URL before Tencent is asked to download it: http or https only (never file:, ftp: or others), and a
 * public host unless non-public ones are allowed, so a flow cannot be made to point Tencent's downloader at loopback,
 * private or link-local (cloud metadata) addresses. Messages never quote the URL, whose path may hold personal data.
 */
final class ImageUrls {

    private ImageUrls() {
    }

    static String check(final String imageUrl, final boolean nonPublicAllowed) throws InvalidRequestException {
        final String trimmed = imageUrl.trim();
        final URI uri;
        try {
            uri = new URI(trimmed);
        } catch (final URISyntaxException e) {
            throw refused("Image URL is not a valid URL");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(scheme.isEmpty() ? "Image URL has no scheme: use http or https"
                    : "Image URL must use http or https, not [%s]".formatted(scheme.length() > 16 ? scheme.substring(0, 16) : scheme));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused("Image URL has no host");
        }
        if (!nonPublicAllowed && !HostAddresses.isPublic(uri.getHost())) {
            throw refused("Image URL host is a loopback, private, link-local or otherwise non-public address; set [%s] to true to allow it"
                    .formatted(CallProperties.ALLOW_NON_PUBLIC_IMAGE_URLS.getName()));
        }
        return trimmed;
    }

    private static InvalidRequestException refused(final String message) {
        return new InvalidRequestException(ErrorClassifier.INVALID_REQUEST, message);
    }
}
