package io.happy3.domain.review;

import static java.util.Objects.requireNonNull;

import io.happy3.domain.chat.ChatMarkup;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;
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

    private static final Pattern WEEK = Pattern.compile("\\d{4}-[Ww]\\d{1,2}");

    public ReviewRequest {
        requireNonNull(period, "period == null");
        requireNonNull(agent, "agent == null");
        requireNonNull(channel, "channel == null");
    }

    /** A person or channel as written: a platform id, a name, or both (a mention with its name). */
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
     * containing {@code now}; {@code markup} reads the platform's mentions. Throws
     * {@link InvalidReviewRequestException} naming the word it did not understand.
     */
    public static ReviewRequest parse(String args, ZoneId zone, Instant now, ChatMarkup markup) {
        requireNonNull(zone, "zone == null");
        requireNonNull(markup, "markup == null");
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
            } else if (markup.person(word).isPresent() || word.startsWith("@")) {
                if (agent.isPresent()) {
                    throw new InvalidReviewRequestException("Give one agent only, not \"" + word + "\" as well.");
                }
                agent = Optional.of(mention(word, markup.person(word), markup::isUserId, '@'));
            } else if (markup.channel(word).isPresent() || word.startsWith("#")) {
                if (channel.isPresent()) {
                    throw new InvalidReviewRequestException("Give one channel only, not \"" + word + "\" as well.");
                }
                channel = Optional.of(mention(word, markup.channel(word), markup::isChannelId, '#'));
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

    private static Mention mention(String word, Optional<ChatMarkup.Mentioned> escaped, Predicate<String> isId,
                                   char sigil) {
        if (escaped.isPresent()) {
            return new Mention(Optional.of(escaped.get().id()), escaped.get().name());
        }
        String bare = word.substring(1);
        if (word.charAt(0) != sigil || bare.isEmpty() || bare.contains("<") || bare.contains(">")) {
            throw new InvalidReviewRequestException("\"" + word + "\" is not a " + (sigil == '@' ? "person" : "channel")
                    + " mention.");
        }
        return isId.test(bare) ? new Mention(Optional.of(bare), Optional.empty())
                : new Mention(Optional.empty(), Optional.of(bare));
    }
}
