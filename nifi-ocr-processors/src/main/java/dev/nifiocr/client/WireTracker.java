package dev.nifiocr.client;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Notes whether a call's request started to go out, so a call that failed afterwards (timeout, reset, malformed or
 * oversize answer) is still reported as sent: Tencent may have processed and billed it.
 */
final class WireTracker extends EventListener {

    /** Gives each call the tracker tagged on its request, and calls without one no listener. */
    static final EventListener.Factory FACTORY = call -> {
        final WireTracker tracker = call.request().tag(WireTracker.class);
        return tracker == null ? EventListener.NONE : tracker;
    };

    private volatile boolean sent;

    @Override
    public void requestHeadersStart(final Call call) {
        sent = true;
    }

    boolean sent() {
        return sent;
    }
}
