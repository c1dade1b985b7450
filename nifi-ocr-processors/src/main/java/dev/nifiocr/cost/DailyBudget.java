package dev.nifiocr.cost;

import dev.nifiocr.cluster.ClusterStateUpdater;
import dev.nifiocr.cluster.Membership;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The account's daily budgets of billable calls, counted for the whole cluster in the service's cluster-scoped state:
 * {@code budget.day} (the calendar day counted) and {@code budget.leased} / {@code budget.leased.<Action>} (calls handed out
 * to nodes today). A node leases blocks of calls (compare-and-set with {@link ClusterStateUpdater}) and spends them
 * locally, so the state provider is written once per block, not once per call; a call that turned out not billable goes
 * back to the node's block.
 * <p>
 * Nothing is spent that was not leased first, so the account never exceeds a budget while nodes are connected; a node
 * that is disconnected (cluster state is then silently local) spends only what it leased before. The cost: up to
 * {@code blockSize - 1} calls per node stay leased but unspent, so a busy node may stop up to that many calls per other
 * node before the budget (returned when the service is disabled). Thread-safe.
 */
public final class DailyBudget {

    static final String DAY = "budget.day";
    static final String LEASED = "budget.leased";
    static final String LEASED_ACTION = "budget.leased.";

    private final StateManager stateManager;
    private final BudgetLimits limits;
    private final Supplier<Instant> clock;
    private final Supplier<Membership> membership;
    private final int blockSize;
    private final Map<String, Long> unspent = new HashMap<>(); // state key -> calls leased by this node, not yet spent
    private LocalDate day;

    public DailyBudget(final StateManager stateManager, final BudgetLimits limits, final Supplier<Instant> clock,
                       final Supplier<Membership> membership, final int blockSize) {
        this.stateManager = stateManager;
        this.limits = limits;
        this.clock = clock;
        this.membership = membership;
        this.blockSize = blockSize;
    }

    /**
     * Takes one billable call from every budget that applies to the Action, leasing a new block where this node's is spent.
     *
     * @param action the Action about to be called, or null when not known before the FlowFile (only the daily budget applies)
     */
    public synchronized BudgetDecision reserve(final String action) {
        final LocalDate today = today();
        if (!today.equals(day)) {
            day = today; // yesterday's unspent blocks are worthless today
            unspent.clear();
        }
        final Map<String, Long> pools = pools(action);
        if (pools.isEmpty()) {
            return BudgetDecision.ALLOWED;
        }
        final List<String> empty = pools.keySet().stream().filter(key -> unspent.getOrDefault(key, 0L) == 0).toList();
        if (!empty.isEmpty()) {
            final Membership now = membership.get();
            if (now == Membership.DISCONNECTED) {
                return refuse("This node is disconnected from its cluster, so it cannot lease more of the account's daily budget", today);
            }
            try {
                lease(empty, pools, today);
            } catch (final IOException e) {
                return refuse("The daily budget cannot be counted: cluster state failed (%s)".formatted(e.getMessage()), today);
            }
        }
        for (final Map.Entry<String, Long> pool : pools.entrySet()) {
            if (unspent.getOrDefault(pool.getKey(), 0L) == 0) {
                return refuse("The daily budget of %d billable calls%s is spent for %s (%s)".formatted(pool.getValue(),
                        pool.getKey().equals(LEASED) ? "" : " for " + pool.getKey().substring(LEASED_ACTION.length()), today, limits.zone()), today);
            }
        }
        pools.keySet().forEach(key -> unspent.merge(key, -1L, Long::sum));
        return BudgetDecision.ALLOWED;
    }

    /** Gives back a call {@link #reserve} took that was not billed (no FlowFile, a cache hit, a not-billed answer). */
    public synchronized void release(final String action) {
        if (today().equals(day)) {
            pools(action).keySet().forEach(key -> unspent.merge(key, 1L, Long::sum));
        }
    }

    /** Hands this node's unspent calls back to the account, so other nodes can use them today; called when the service stops. */
    public synchronized void returnUnspent() throws IOException {
        final LocalDate today = today();
        if (!today.equals(day) || unspent.values().stream().allMatch(calls -> calls == 0) || membership.get() == Membership.DISCONNECTED) {
            unspent.clear();
            return;
        }
        final Map<String, Long> returned = Map.copyOf(unspent);
        unspent.clear();
        ClusterStateUpdater.update(stateManager, state -> {
            if (!today.toString().equals(state.get(DAY))) {
                return state;
            }
            final Map<String, String> next = new HashMap<>(state);
            returned.forEach((key, calls) -> next.put(key, Long.toString(Math.max(0, leased(state, key) - calls))));
            return next;
        });
    }

    /** Today's leased calls against each budget, as the account's state has them. */
    public List<Usage> usage() throws IOException {
        final Map<String, String> state = stateManager.getState(Scope.CLUSTER).toMap();
        final boolean counted = today().toString().equals(state.get(DAY));
        final List<Usage> usage = new ArrayList<>();
        pools(null).forEach((key, limit) -> usage.add(new Usage("all Actions", counted ? leased(state, key) : 0, limit)));
        new TreeMap<>(limits.perAction()).forEach((action, limit) ->
                usage.add(new Usage(action, counted ? leased(state, LEASED_ACTION + action) : 0, limit)));
        return usage;
    }

    /** The next midnight in the budget's zone, when every budget starts again. */
    public ZonedDateTime resetsAt() {
        return today().plusDays(1).atStartOfDay(limits.zone());
    }

    private void lease(final List<String> keys, final Map<String, Long> pools, final LocalDate today) throws IOException {
        final Map<String, Long> granted = new HashMap<>();
        ClusterStateUpdater.update(stateManager, state -> {
            granted.clear(); // the change may run again when another node wrote in between
            final Map<String, String> next = new HashMap<>(state);
            final String counted = state.get(DAY);
            if (before(counted, today)) {
                // a new day: every budget starts again; a node whose clock is behind keeps the newer day's counts
                next.keySet().removeIf(key -> key.startsWith(LEASED));
                next.put(DAY, today.toString());
            }
            for (final String key : keys) {
                final long leased = leased(next, key);
                final long grant = Math.min(blockSize, pools.get(key) - leased);
                if (grant > 0) {
                    next.put(key, Long.toString(leased + grant));
                    granted.put(key, grant);
                }
            }
            return next;
        });
        granted.forEach((key, calls) -> unspent.merge(key, calls, Long::sum));
    }

    // the state keys of the budgets that apply to the Action, with their limits
    private Map<String, Long> pools(final String action) {
        final Map<String, Long> pools = new LinkedHashMap<>();
        if (limits.daily() != null) {
            pools.put(LEASED, limits.daily());
        }
        final Long actionLimit = action == null ? null : limits.perAction().get(action);
        if (actionLimit != null) {
            pools.put(LEASED_ACTION + action, actionLimit);
        }
        return pools;
    }

    private BudgetDecision refuse(final String reason, final LocalDate today) {
        return new BudgetDecision(false, reason, today.plusDays(1).atStartOfDay(limits.zone()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.get(), limits.zone());
    }

    private static long leased(final Map<String, String> state, final String key) {
        try {
            return Long.parseLong(state.getOrDefault(key, "0"));
        } catch (final NumberFormatException e) {
            return 0;
        }
    }

    // for tests: this node's unspent calls per state key
    synchronized Map<String, Long> unspent() {
        return new HashMap<>(unspent);
    }

    private static boolean before(final String countedDay, final LocalDate today) {
        try {
            return countedDay == null || LocalDate.parse(countedDay).isBefore(today);
        } catch (final DateTimeParseException e) {
            return true; // written by hand: start counting afresh
        }
    }

    /**
     * One budget's count today.
     *
     * @param budget "all Actions" or the Action's name
     * @param leased calls leased to nodes today (spent, or about to be)
     * @param limit the budget
     */
    public record Usage(String budget, long leased, long limit) {
    }
}
