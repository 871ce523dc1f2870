package io.happy3.domain.review;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A share {@code numerator / denominator} that never divides by zero: with a zero denominator its
 * {@link #value()} is empty and it prints as {@code n/a}.
 */
public record Rate(int numerator, int denominator) {
    public static final Rate NONE = new Rate(0, 0);

    public Rate {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("need 0 <= numerator <= denominator: " + numerator + "/" + denominator);
        }
    }

    /** The share between 0 and 1, or empty when there is nothing to divide by. */
    public OptionalDouble value() {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }

    /** Whole percent ({@code 67%}) or {@code n/a}. */
    public String percent() {
        return denominator == 0 ? "n/a" : Math.round(100.0 * numerator / denominator) + "%";
    }

    /** {@code 2/3}. */
    public String fraction() {
        return String.format(Locale.ROOT, "%d/%d", numerator, denominator);
    }
}
