package dev.nifiocr.service;

import dev.nifiocr.cluster.Membership;
import dev.nifiocr.cost.BudgetDecision;
import dev.nifiocr.cost.BudgetLimits;
import dev.nifiocr.cost.DailyBudget;
import dev.nifiocr.migration.PropertyMigrations;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The client service's daily budgets: their properties, and the {@link DailyBudget} of the enabled service with one
 * warning (and bulletin) per refusal rather than one per yield.
 */
final class DailyBudgets {

    /** Calls a node leases from the account's budget at a time: one state write per this many calls. */
    static final int BLOCK_SIZE = 10;
    static final String DEFAULT_ZONE = "Asia/Shanghai";

    static final PropertyDescriptor DAILY_BUDGET_ENABLED = new PropertyDescriptor.Builder()
            .name("Daily Budget Enabled")
            .description("When true, billable calls are counted per day, over all NiFi nodes, against Daily Budget and Daily Budget "
                    + "per Action; processors wait when a budget is spent. When false, nothing is counted.")
            .required(true)
            .allowableValues("true", "false")
            .defaultValue("false")
            .build();

    static final PropertyDescriptor DAILY_BUDGET = new PropertyDescriptor.Builder()
            .name("Daily Budget")
            .description("Most billable calls the account makes per calendar day (in Budget Time Zone), over all NiFi nodes and all "
                    + "processors using this service. When it is spent, processors yield and leave their FlowFiles queued until "
                    + "midnight or until the budget is raised; nothing goes to failure. Not set: only the per-Action budgets. Calls "
                    + "answered with a code Tencent's billing page does not list count as billed.")
            .required(false)
            .addValidator(StandardValidators.NON_NEGATIVE_INTEGER_VALIDATOR)
            .dependsOn(DAILY_BUDGET_ENABLED, "true")
            .build();

    static final PropertyDescriptor DAILY_BUDGET_PER_ACTION = new PropertyDescriptor.Builder()
            .name("Daily Budget per Action")
            .description("Daily budgets of billable calls for single Actions, as Action=N separated by commas, such as "
                    + "IDCardOCR=500,VatInvoiceVerifyNew=100; they apply besides Daily Budget. They apply to processors whose "
                    + "OCR Action is fixed (not a per-FlowFile Custom Action).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(DAILY_BUDGET_ENABLED, "true")
            .build();

    static final PropertyDescriptor BUDGET_TIME_ZONE = new PropertyDescriptor.Builder()
            .name("Budget Time Zone")
            .description("The time zone whose midnight starts a new budget day; Tencent bills by Beijing time (Asia/Shanghai).")
            .required(true)
            .defaultValue(DEFAULT_ZONE)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(DAILY_BUDGET_ENABLED, "true")
            .build();

    private final Supplier<ComponentLog> log;
    private volatile DailyBudget budget;
    private volatile String lastRefusal;

    DailyBudgets(final Supplier<ComponentLog> log) {
        this.log = log;
    }

    static void validate(final PropertyContext context, final Collection<ValidationResult> results) {
        try {
            limits(context);
        } catch (final IllegalArgumentException | DateTimeException e) {
            results.add(new ValidationResult.Builder().subject("Daily Budget").valid(false).explanation(e.getMessage()).build());
        }
    }

    /** Flows saved before the switch existed keep the budgets they set. */
    static void migrate(final PropertyConfiguration config) {
        PropertyMigrations.switchOnWhenAnySet(config, DAILY_BUDGET_ENABLED, DAILY_BUDGET, DAILY_BUDGET_PER_ACTION);
    }

    static BudgetLimits limits(final PropertyContext context) {
        if (!context.getProperty(DAILY_BUDGET_ENABLED).asBoolean()) {
            return new BudgetLimits(null, Map.of(), ZoneId.of(DEFAULT_ZONE));
        }
        final String zone = context.getProperty(BUDGET_TIME_ZONE).getValue();
        final ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null ? DEFAULT_ZONE : zone.trim());
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException("[%s] is not a time zone such as Asia/Shanghai or UTC".formatted(zone), e);
        }
        final Long daily = context.getProperty(DAILY_BUDGET).isSet() ? context.getProperty(DAILY_BUDGET).asLong() : null;
        final BudgetLimits limits = new BudgetLimits(daily, BudgetLimits.parsePerAction(context.getProperty(DAILY_BUDGET_PER_ACTION).getValue()), zoneId);
        if (!limits.any()) {
            throw new IllegalArgumentException("[%s] is true: set Daily Budget, Daily Budget per Action or both".formatted(DAILY_BUDGET_ENABLED.getName()));
        }
        return limits;
    }

    void start(final PropertyContext context, final StateManager stateManager, final Supplier<Membership> membership) {
        final BudgetLimits limits = limits(context);
        lastRefusal = null;
        budget = limits.any() ? new DailyBudget(stateManager, limits, Instant::now, membership, BLOCK_SIZE) : null;
    }

    void stop() {
        final DailyBudget current = budget;
        budget = null;
        if (current != null) {
            try {
                current.returnUnspent();
            } catch (final IOException | RuntimeException e) {
                log.get().warn("Returning this node's unspent budget to the cluster state failed; it is lost for today", e);
            }
        }
    }

    boolean reserve(final String action) {
        final DailyBudget current = budget;
        if (current == null) {
            return true;
        }
        final BudgetDecision decision = current.reserve(action);
        if (decision.allowed()) {
            lastRefusal = null;
        } else if (!decision.reason().equals(lastRefusal)) {
            lastRefusal = decision.reason();
            log.get().warn(decision.describe());
        }
        return decision.allowed();
    }

    void release(final String action) {
        final DailyBudget current = budget;
        if (current != null) {
            current.release(action);
        }
    }

    /**
     * The usage report: today's billable calls against each budget, from the account's state; empty without a budget.
     *
     * @param clustered whether this NiFi is configured as a cluster, whose nodes lease the calls; else it takes them alone
     */
    static Optional<ConfigVerificationResult> verify(final PropertyContext context, final StateManager stateManager, final boolean clustered) {
        final ConfigVerificationResult.Builder step = new ConfigVerificationResult.Builder().verificationStepName("Daily Budget");
        try {
            final BudgetLimits limits = limits(context);
            if (!limits.any()) {
                return Optional.empty(); // the processors' <Action> Billable Calls counters show what was billed
            }
            final DailyBudget reader = new DailyBudget(stateManager, limits, Instant::now, () -> Membership.STANDALONE, BLOCK_SIZE);
            final List<DailyBudget.Usage> usage = reader.usage();
            final String report = usage.stream()
                    .map(use -> "%s: %d of %d billable calls".formatted(use.budget(), use.leased(), use.limit()))
                    .collect(Collectors.joining("; "));
            final boolean spent = usage.stream().anyMatch(use -> use.leased() >= use.limit());
            return Optional.of(step.outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                    .explanation("Today in %s: %s (%s)%s; resets at %s".formatted(limits.zone(), report, clustered
                                    ? "leased to the nodes in blocks of %d, up to %d per node not yet spent".formatted(BLOCK_SIZE, BLOCK_SIZE - 1)
                                    : "taken in blocks of %d, up to %d not yet spent".formatted(BLOCK_SIZE, BLOCK_SIZE - 1),
                            spent ? "; a budget is SPENT, processors wait" : "", BudgetDecision.when(reader.resetsAt())))
                    .build());
        } catch (final IOException | IllegalArgumentException | DateTimeException e) {
            return Optional.of(step.outcome(ConfigVerificationResult.Outcome.FAILED).explanation(e.getMessage()).build());
        }
    }
}
