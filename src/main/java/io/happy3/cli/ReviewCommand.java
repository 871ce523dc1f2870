package io.happy3.cli;

import io.happy3.adapter.playbook.PlaybookFolder;
import io.happy3.adapter.storage.Database;
import io.happy3.adapter.storage.JdbcChannelSettingsStore;
import io.happy3.adapter.storage.JdbcIssueStore;
import io.happy3.adapter.storage.JdbcNudgeStore;
import io.happy3.config.AppConfig;
import io.happy3.domain.issue.Issue;
import io.happy3.domain.nudge.Nudge;
import io.happy3.domain.playbook.Playbook;
import io.happy3.domain.playbook.PlaybookId;
import io.happy3.domain.review.ReviewCompiler;
import io.happy3.domain.review.ReviewPeriod;
import io.happy3.domain.review.ScorecardComparison;
import io.happy3.domain.review.ScorecardFormatter;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code happy3 review [--week 2026-W47]}: prints each tenant's Happy 3 scorecard from the configured
 * database, with the per-agent detail (the operator running it sees what a lead sees).
 */
public final class ReviewCommand {
    private ReviewCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.println("""
                    Usage: happy3 review [--week 2026-W47]

                    Prints the Happy 3 scorecard of every tenant in the configured database (HAPPY3_DB_URL)
                    for the given ISO week (default: this week, in HAPPY3_TIME_ZONE).""");
            return 0;
        }
        AppConfig config = AppConfig.fromEnv(io.happy3.config.ConfigFile.merged(env,
                io.happy3.config.ConfigFile.location(args, env)));
        Instant now = Instant.now();
        ReviewPeriod period;
        int index = args.indexOf("--week");
        try {
            period = index >= 0 && index + 1 < args.size()
                    ? ReviewPeriod.isoWeek(args.get(index + 1), config.timeZone())
                    : ReviewPeriod.containing(now, config.timeZone());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            err.println("happy3 review: " + e.getMessage() + " (expected --week like 2026-W47)");
            return 2;
        }
        try (Database database = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword().value());
             PlaybookFolder playbooks = PlaybookFolder.open(config.playbooks())) {
            Map<PlaybookId, Playbook> byId = playbooks.all().stream()
                    .collect(Collectors.toMap(Playbook::id, Function.identity(), (a, b) -> a));
            TreeSet<String> tenants = new JdbcChannelSettingsStore(database).findAllFollowed().stream()
                    .map(settings -> settings.channel().tenant()).collect(Collectors.toCollection(TreeSet::new));
            if (tenants.isEmpty()) {
                out.println("No followed channels in " + config.dbUrl().replaceAll("password=[^&;]*", "password=****")
                        + " yet: nothing to review.");
                return 0;
            }
            for (String tenant : tenants) {
                print(tenant, review(database, tenant, period, byId, now), out);
            }
        }
        return 0;
    }

    private static ScorecardComparison review(Database database, String tenant, ReviewPeriod period,
                                              Map<PlaybookId, Playbook> byId, Instant now) {
        Instant from = period.previous().start();
        List<Issue> found = new JdbcIssueStore(database).findActiveBetween(tenant, from, period.end());
        List<Nudge> sent = new JdbcNudgeStore(database).findDueBetween(tenant, from.minus(Duration.ofDays(7)),
                period.end().plus(Duration.ofDays(7)));
        Instant asOf = now.isBefore(period.end()) ? now : period.end();
        return ReviewCompiler.compileWithPrevious(period, found, sent, byId, asOf);
    }

    private static void print(String tenant, ScorecardComparison comparison, PrintStream out) {
        ScorecardFormatter formatter = new ScorecardFormatter(user -> user.user());
        out.println("Tenant " + tenant);
        out.println(formatter.format(comparison.teamOnly()));
        out.println();
        out.println(formatter.formatAgents(comparison));
        out.println();
    }

}
