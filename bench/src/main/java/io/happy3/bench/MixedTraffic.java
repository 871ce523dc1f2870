package io.happy3.bench;

import io.happy3.bench.LoadGenerator.Request;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Realistic mixed Slack traffic for the sustained benchmark, across 50 channels (four agents each, 200 in
 * all) and 1,000 customers. Request {@code n} is kind {@code n % 8} of a slot {@code n / 8}: a customer opens
 * issue {@code slot} (kind 0); kinds 1-5 continue the issue opened {@code kind × 16} slots earlier (so each
 * issue's messages arrive in order, 128 requests apart): an agent's reply, the customer's reply, the agent's
 * fix claim, the customer's ✅ on it and the customer's confirmation in words; kind 6 is an agent's
 * {@code /happy3 inbox}; kind 7 presses "On it" on a pending nudge read back from the database (a
 * {@code /happy3 help} while none is known yet). Message times are the wall clock at sending.
 */
final class MixedTraffic implements LoadGenerator.Traffic {
    static final int CHANNELS = 50;
    static final int AGENTS_PER_CHANNEL = 4;
    private static final int KINDS = 8;
    private static final long LAG = 16;
    private static final String OPENING = "Der CSV-Export schlägt seit heute früh fehl — ошибка 500, 导出失败 🙁 (#%d)";

    /** A pending nudge, as read from the database: who it is for and the thread it is about. */
    record Nudge(String id, String channel, String root, String recipient) {
    }

    /** Where button presses find their nudges (refreshed from the database while the run goes on). */
    interface Nudges {
        List<Nudge> pending();
    }

    private final String run;
    private final SlackRequests requests;
    private final Nudges nudges;
    private final Map<Long, String> roots = new ConcurrentHashMap<>();
    private final Map<Long, String> claims = new ConcurrentHashMap<>();
    private volatile String phase = "S";

    MixedTraffic(String run, SlackRequests requests, Nudges nudges) {
        this.run = run;
        this.requests = requests;
        this.nudges = nudges;
    }

    /** Tags the event ids of what follows ({@code B<run><phase>N<n>}), so a phase's rows can be read back. */
    void phase(String tag) {
        this.phase = tag;
    }

    /** The event-id prefix of a phase, for {@code like 'prefix%'}. */
    String prefix(String tag) {
        return "B" + run + tag + "N";
    }

    static String channel(long issue) {
        return "C0BENCH" + (issue % CHANNELS);
    }

    /** The agent of channel {@code c}'s slot {@code j} (0-3). */
    static String agent(long channel, long j) {
        return "U0AGENT" + (channel * AGENTS_PER_CHANNEL + j);
    }

    private static String agentOf(long issue) {
        return agent(issue % CHANNELS, (issue / CHANNELS) % AGENTS_PER_CHANNEL);
    }

    private static String customerOf(long issue) {
        return "U0CUST" + (issue % 1000);
    }

    @Override
    public Request request(long n) {
        String id = prefix(phase) + n;
        String ts = System.currentTimeMillis() / 1000 + "." + String.format("%06d", n % 1_000_000);
        int kind = (int) (n % KINDS);
        long issue = n / KINDS - kind * LAG;
        String root = kind >= 1 && kind <= 5 && issue >= 0 ? roots.get(issue) : null;
        if (kind == 0 || (kind <= 5 && root == null)) {
            return open(id, n / KINDS, ts);
        }
        String channel = channel(issue);
        return switch (kind) {
            case 1 -> SlackRequests.message(id, channel, agentOf(issue), "Thanks, I'm looking into it (#" + n + ")", ts,
                    root);
            case 2 -> SlackRequests.message(id, channel, customerOf(issue), "Here is the request id: r-" + n, ts, root);
            case 3 -> {
                claims.put(issue, ts);
                yield SlackRequests.message(id, channel, agentOf(issue), "We deployed a fix, it should work now", ts,
                        root);
            }
            case 4 -> SlackRequests.reaction(id, channel, customerOf(issue), "white_check_mark",
                    claims.getOrDefault(issue, root), ts);
            case 5 -> {
                roots.remove(issue);
                claims.remove(issue);
                yield SlackRequests.message(id, channel, customerOf(issue), "Works now, thanks a lot!", ts, root);
            }
            case 6 -> requests.command(id, channel(n / KINDS), agent((n / KINDS) % CHANNELS, n % AGENTS_PER_CHANNEL),
                    "/happy3", "inbox");
            default -> press(id, n, ts);
        };
    }

    private Request open(String id, long issue, String ts) {
        roots.put(issue, ts);
        return SlackRequests.message(id, channel(issue), customerOf(issue), String.format(OPENING, issue), ts, null);
    }

    private Request press(String id, long n, String ts) {
        List<Nudge> pending = nudges.pending();
        if (pending.isEmpty()) {
            return requests.command(id, channel(n), agent(n % CHANNELS, 0), "/happy3", "help");
        }
        Nudge nudge = pending.get((int) ((n / KINDS) % pending.size()));
        return requests.button(id, nudge.recipient(), nudge.id(), nudge.channel(), nudge.root(), "on_it", ts);
    }
}
