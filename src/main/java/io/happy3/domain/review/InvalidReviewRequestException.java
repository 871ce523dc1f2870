package io.happy3.domain.review;

/** The arguments of {@code /review} could not be understood; the message names the problem and lists the usage. */
public final class InvalidReviewRequestException extends IllegalArgumentException {
    private final String problem;

    public InvalidReviewRequestException(String problem) {
        super(problem + "\n" + ReviewRequest.USAGE);
        this.problem = problem;
    }

    /** The problem alone, without the usage. */
    public String problem() {
        return problem;
    }
}
