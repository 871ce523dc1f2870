package io.happy3.adapter.signalmodel;

import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.ThreadContext;
import java.util.Set;

/**
 * The dense thread features of the embedding model: the message's embedding, copied into a block that is only on
 * when the message answers a fix claim or check request (a customer) or a confirmation (an agent), and into one that
 * is only on when it answers a question (a customer) or a relapse (an agent) — so "yep" after "can you check?" and
 * "yep" after "did you use the billing scope?" land in different weights — then the situation, whether the previous
 * message came from the same side, the signals the thread has seen and the ones the rules found. Stateless.
 */
final class Situation {
    private static final String[] CUSTOMER = {"open", "nootheryet", "check", "fix", "question", "promise", "other"};
    private static final String[] AGENT = {"open", "nootheryet", "confirmed", "partial", "broken", "question",
            "other"};
    static final int BLOCKS = 3;
    static final int EXTRA = CUSTOMER.length + AGENT.length + 1 + 2 * Signal.values().length + 1;
    static final int SIZE = BLOCKS * SentenceEncoder.DIMENSIONS + EXTRA;

    private Situation() {
    }

    static float[] features(float[] embedding, Role role, ThreadContext context, Set<Signal> ruleSignals) {
        String situation = Features.situation(role, context);
        float[] x = new float[SIZE];
        int d = SentenceEncoder.DIMENSIONS;
        System.arraycopy(embedding, 0, x, 0, d);
        int block = block(role, situation);
        if (block > 0) {
            System.arraycopy(embedding, 0, x, block * d, d);
        }
        int at = BLOCKS * d;
        String[] names = role == Role.CUSTOMER ? CUSTOMER : AGENT;
        int offset = role == Role.CUSTOMER ? 0 : CUSTOMER.length;
        for (int i = 0; i < names.length; i++) {
            x[at + offset + i] = names[i].equals(situation) ? 1 : 0;
        }
        at += CUSTOMER.length + AGENT.length;
        x[at++] = context.last().map(last -> last.role() == role ? 1f : 0f).orElse(0f);
        for (Signal signal : Signal.values()) {
            x[at + signal.ordinal()] = context.seen(signal) ? 1 : 0;
            x[at + Signal.values().length + signal.ordinal()] = ruleSignals.contains(signal) ? 1 : 0;
        }
        x[SIZE - 1] = 1; // bias
        return x;
    }

    private static int block(Role role, String situation) {
        if (role == Role.CUSTOMER) {
            return situation.equals("check") || situation.equals("fix") ? 1 : situation.equals("question") ? 2 : 0;
        }
        return situation.equals("confirmed") || situation.equals("partial") ? 1 : situation.equals("broken") ? 2 : 0;
    }
}
