package io.happy3.adapter.signalmodel;

import io.happy3.domain.issue.Role;
import io.happy3.domain.signal.Cue;
import io.happy3.domain.signal.Signal;
import io.happy3.domain.signal.ThreadContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The model's input: hashed features of a message — words, word pairs, character n-grams, its length — and of its
 * place in the thread (what the other side's last message did), crossed with the words so that "yes" after a
 * check request reads differently from "yes" after a diagnostic question; plus which rules fired.
 * Stateless and thread-safe.
 */
final class Features {
    static final int BITS = 18;
    static final int SIZE = 1 << BITS;
    // Character n-grams (3 to CHAR_MAX letters) measured worse on the dev split than words alone: they memorise
    // the training sentences. 0 turns them off.
    static final int CHAR_MAX = 0;

    private Features() {
    }

    /** Sorted, distinct feature indexes of the text alone (used to find the nearest labelled example). */
    static int[] ofText(List<String> tokens) {
        List<String> names = new ArrayList<>();
        textFeatures(tokens, names);
        return hash(names);
    }

    /** Sorted, distinct feature indexes of the message in its thread. */
    static int[] of(List<String> tokens, Role role, ThreadContext context, Set<Signal> ruleSignals) {
        List<String> names = new ArrayList<>();
        textFeatures(tokens, names);
        String situation = situation(role, context);
        names.add("sit:" + situation);
        String length = lengthBucket(tokens.size());
        names.add("len:" + length + "|" + situation);
        for (String token : tokens) {
            names.add("x:" + situation + "|" + token);
        }
        context.last().ifPresent(last -> names.add(last.role() == role ? "prev:same" : "prev:other"));
        for (Signal signal : Signal.values()) {
            if (context.seen(signal)) {
                names.add("seen:" + signal.wireName());
            }
        }
        for (Signal signal : ruleSignals) {
            names.add("rule:" + signal.wireName());
            names.add("rule:" + signal.wireName() + "|" + situation);
        }
        return hash(names);
    }

    /**
     * What the message answers: for a customer, the agent's last message (a check request, a fix claim, a question,
     * a promise); for an agent, the customer's last one (a confirmation, a relapse, a question); or the opening.
     */
    static String situation(Role role, ThreadContext context) {
        if (context.opening()) {
            return "open";
        }
        Role other = role == Role.AGENT ? Role.CUSTOMER : Role.AGENT;
        Optional<ThreadContext.Turn> last = context.last(other);
        if (last.isEmpty()) {
            return "nootheryet";
        }
        ThreadContext.Turn turn = last.get();
        if (role == Role.CUSTOMER) {
            if (turn.cues().contains(Cue.CHECK_REQUEST)) {
                return "check";
            }
            if (turn.signals().contains(Signal.RESOLUTION_PROPOSED)) {
                return "fix";
            }
            if (turn.cues().contains(Cue.QUESTION)) {
                return "question";
            }
            return turn.signals().contains(Signal.PROMISE_MADE) ? "promise" : "other";
        }
        if (turn.signals().contains(Signal.CUSTOMER_CONFIRMED)) {
            return turn.signals().contains(Signal.STILL_BROKEN) ? "partial" : "confirmed";
        }
        if (turn.signals().contains(Signal.STILL_BROKEN)) {
            return "broken";
        }
        return turn.cues().contains(Cue.QUESTION) ? "question" : "other";
    }

    private static void textFeatures(List<String> tokens, List<String> names) {
        names.add("bias");
        names.add("n:" + lengthBucket(tokens.size()));
        String previous = "^";
        for (String token : tokens) {
            names.add("w:" + token);
            names.add("b:" + previous + " " + token);
            previous = token;
            if (token.length() > 3 && token.charAt(0) != '_' && CHAR_MAX >= 3) {
                String padded = "#" + token + "#";
                for (int n = 3; n <= CHAR_MAX; n++) {
                    for (int start = 0; start + n <= padded.length(); start++) {
                        names.add("c:" + padded.substring(start, start + n));
                    }
                }
            }
        }
        names.add("b:" + previous + " $");
    }

    private static String lengthBucket(int tokens) {
        return tokens <= 1 ? "1" : tokens <= 3 ? "2-3" : tokens <= 8 ? "4-8" : "9+";
    }

    private static int[] hash(List<String> names) {
        int[] indexes = new int[names.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = index(names.get(i));
        }
        Arrays.sort(indexes);
        int distinct = 0;
        for (int i = 0; i < indexes.length; i++) {
            if (i == 0 || indexes[i] != indexes[i - 1]) {
                indexes[distinct++] = indexes[i];
            }
        }
        return Arrays.copyOf(indexes, distinct);
    }

    /** FNV-1a over the name's chars, folded to {@link #BITS} bits: the same on every JVM. */
    static int index(String name) {
        int hash = 0x811C9DC5;
        for (int i = 0; i < name.length(); i++) {
            hash ^= name.charAt(i);
            hash *= 0x01000193;
        }
        return (hash ^ (hash >>> BITS)) & (SIZE - 1);
    }
}
