package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code /review …} asked for: a week (this week by default), optionally one agent or one
 * channel, and whether to export CSV. Words may come in any order, each kind at most once.
 */
public record ReviewRequest(ReviewPeriod period, Optional<Mention> agent, Optional<Mention> channel, boolean export) {
    public static final String USAGE = """
            Usage: /review [this-week | last-week | 2026-W47] [@agent] [#channel] [export]
              /review              this week's scorecard
              /review last-week    last week's
              /review 2026-W47     an ISO week
              /review @agent       one agent's detail (leads, or the agent themself)
              /review #channel     one channel
              /review export       the week's issues as CSV""";

    private static final Pattern SLACK_USER = Pattern.compile("<@([A-Za-z0-9._:-]+)(?:\\|([^>]*))?>");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("<#([A-Za-z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Pattern WEEK = Pattern.compile("\\d{4}-[Ww]\\d{1,2}");

    public ReviewRequest {
        requireNonNull(period, "period == null");
        requireNonNull(agent, "agent == null");
        requireNonNull(channel, "channel == null");
    }

    /** A person or channel as written: a platform id, a name, or both ({@code <@U123|alice>}). */
    public record Mention(Optional<String> id, Optional<String> name) {
        public Mention {
            requireNonNull(id, "id == null");
            requireNonNull(name, "name == null");
            if (id.isEmpty() && name.isEmpty()) {
                throw new IllegalArgumentException("a mention needs an id or a name");
            }
        }
    }

    /**
     * Parses the text after {@code /review}; weeks are ISO weeks in {@code zone}, "this week" is the one
     * containing {@code now}. Throws {@link InvalidReviewRequestException} naming the word it did not understand.
     */
    public static ReviewRequest parse(String args, ZoneId zone, Instant now) {
        requireNonNull(zone, "zone == null");
        requireNonNull(now, "now == null");
        Optional<ReviewPeriod> period = Optional.empty();
        Optional<Mention> agent = Optional.empty();
        Optional<Mention> channel = Optional.empty();
        boolean export = false;
        String text = args == null ? "" : args.strip();
        for (String word : text.isEmpty() ? new String[0] : text.split("\\s+")) {
            String lower = word.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("this-week") || lower.equals("last-week") || WEEK.matcher(word).matches()) {
                if (period.isPresent()) {
                    throw new InvalidReviewRequestException("Give one week only, not \"" + word + "\" as well.");
                }
                period = Optional.of(week(lower, zone, now));
            } else if (word.startsWith("<@") || word.startsWith("@")) {
                if (agent.isPresent()) {
                    throw new InvalidReviewRequestException("Give one agent only, not \"" + word + "\" as well.");
                }
                agent = Optional.of(mention(word, SLACK_USER, USER_ID, '@'));
            } else if (word.startsWith("<#") || word.startsWith("#")) {
                if (channel.isPresent()) {
                    throw new InvalidReviewRequestException("Give one channel only, not \"" + word + "\" as well.");
                }
                channel = Optional.of(mention(word, SLACK_CHANNEL, CHANNEL_ID, '#'));
            } else if (lower.equals("export")) {
                export = true;
            } else {
                throw new InvalidReviewRequestException("I don't understand \"" + word + "\".");
            }
        }
        return new ReviewRequest(period.orElseGet(() -> ReviewPeriod.containing(now, zone)), agent, channel, export);
    }

    private static ReviewPeriod week(String word, ZoneId zone, Instant now) {
        ReviewPeriod current = ReviewPeriod.containing(now, zone);
        if (word.equals("this-week")) {
            return current;
        }
        if (word.equals("last-week")) {
            return current.previous();
        }
        try {
            return ReviewPeriod.isoWeek(word.toUpperCase(java.util.Locale.ROOT), zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidReviewRequestException("\"" + word + "\" is not a week: " + e.getMessage() + ".");
        }
    }

    private static Mention mention(String word, Pattern escaped, Pattern id, char sigil) {
        Matcher matcher = escaped.matcher(word);
        if (matcher.matches()) {
            return new Mention(Optional.of(matcher.group(1)),
                    Optional.ofNullable(matcher.group(2)).filter(name -> !name.isBlank()));
        }
        String bare = word.substring(1);
        if (word.charAt(0) != sigil || bare.isEmpty() || bare.contains("<") || bare.contains(">")) {
            throw new InvalidReviewRequestException("\"" + word + "\" is not a " + (sigil == '@' ? "person" : "channel")
                    + " mention.");
        }
        return id.matcher(bare).matches() ? new Mention(Optional.of(bare), Optional.empty())
                : new Mention(Optional.empty(), Optional.of(bare));
    }
}
