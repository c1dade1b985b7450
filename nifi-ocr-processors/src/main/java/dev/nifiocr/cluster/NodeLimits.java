package dev.nifiocr.cluster;

import java.util.Map;
import java.util.Set;

/** What {@link NodeLeases} steers: this node's limiters of an account's limits, each under a key the nodes share. */
public interface NodeLimits {

    /** The account's limit per key, for the whole cluster (requests per second). */
    Map<String, Double> accountLimits();

    /** The keys this node has work for now (a processor asked for them within the last seconds). */
    Set<String> demand();

    /**
     * Sets this node's rate for each key given (0: none).
     *
     * @return when ({@link System#nanoTime()}) the last slot handed out at the earlier rates ends: only from then on
     * does this node send at the rates given
     */
    long apply(Map<String, Double> rates);
}
