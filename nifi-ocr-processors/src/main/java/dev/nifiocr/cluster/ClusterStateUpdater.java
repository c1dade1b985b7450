package dev.nifiocr.cluster;

import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.components.state.StateMap;

import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of a component's cluster-scoped state with {@link StateManager#replace} (compare-and-set on the
 * ZooKeeper node version), retried when another node wrote in between.
 */
public final class ClusterStateUpdater {

    static final int MAX_ATTEMPTS = 8;

    private ClusterStateUpdater() {
    }

    /**
     * Applies {@code change} to the current state until the write wins.
     *
     * @return the state as written (or as found, when the change left it as it was)
     * @throws IOException when the state provider fails or other writers won {@value #MAX_ATTEMPTS} times in a row
     */
    public static Map<String, String> update(final StateManager stateManager, final UnaryOperator<Map<String, String>> change) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            final StateMap current = stateManager.getState(Scope.CLUSTER);
            final Map<String, String> next = change.apply(current.toMap());
            if (next.equals(current.toMap()) && current.getStateVersion().isPresent()) {
                return next;
            }
            if (stateManager.replace(current, next, Scope.CLUSTER)) {
                return next;
            }
        }
        throw new IOException("Cluster state changed by other nodes during %d attempts in a row".formatted(MAX_ATTEMPTS));
    }
}
