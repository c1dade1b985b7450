package dev.nifiocr.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a URL's host is, judged from its text alone: names are not resolved (the OCR endpoint is resolved by this node's
 * DNS, an Image URL by Tencent's), so only literal addresses and the reserved name localhost count as non-public.
 */
public final class HostAddresses {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    // 2130706433, 0x7f.1, 017700000001: other spellings of an IPv4 address that some URL parsers accept
    private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");

    private HostAddresses() {
    }

    /** True for localhost, *.localhost, 127.0.0.0/8 and ::1: traffic to them does not leave the machine. */
    public static boolean isLoopback(final String host) {
        final String name = normalize(host);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        final InetAddress literal = literal(name);
        return literal != null && literal.isLoopbackAddress();
    }

    /**
     * True unless the host is loopback, a literal private, link-local (cloud metadata at 169.254.169.254), unique-local,
     * carrier-grade NAT, multicast or unspecified address.
     */
    public static boolean isPublic(final String host) {
        if (isLoopback(host)) {
            return false;
        }
        final String name = normalize(host);
        final InetAddress literal = literal(name);
        if (literal == null) {
            return !name.isEmpty() && !NUMERIC.matcher(name).matches();
        }
        final byte[] bytes = literal.getAddress();
        final boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
        final boolean carrierNat = bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
        return !(literal.isAnyLocalAddress() || literal.isLinkLocalAddress() || literal.isSiteLocalAddress()
                || literal.isMulticastAddress() || uniqueLocalV6 || carrierNat);
    }

    /** The host of a URL, without IPv6 brackets, or null. */
    public static String host(final URI uri) {
        return uri.getHost() == null ? null : normalize(uri.getHost());
    }

    private static String normalize(final String host) {
        final String lower = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        final String unbracketed = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
        return unbracketed.endsWith(".") ? unbracketed.substring(0, unbracketed.length() - 1) : unbracketed;
    }

    /** The address a literal IPv4 or IPv6 host stands for, or null for a name; never a DNS lookup. */
    private static InetAddress literal(final String host) {
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (final UnknownHostException e) {
            return null;
        }
    }
}
