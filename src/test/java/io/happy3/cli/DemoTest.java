package io.happy3.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the shipped demo week once and checks what a viewer of `happy3 demo` must see. */
class DemoTest {
    private static String output;
    private static int status;

    @BeforeAll
    static void runDemo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        status = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0).run();
        output = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void run_shippedWeek_succeeds() {
        assertThat(status).isZero();
        assertThat(output).contains("Monday 16 November", "Friday 20 November", "Sunday 22 November");
        assertThat(output).as("the demo says which detector it runs").contains("Signals come from the built-in phrase rules");
    }

    @Test
    void run_shippedWeek_showsTheConfirmTheResultNudgeWithItsButtons() {
        assertThat(output).contains("🔔 nudge to Anna · confirm-result · \"Wrong VAT rate on invoices\"")
                .contains("[Customer confirmed] [Asked now] [Not resolved] [Snooze ▾]")
                .contains("Anna pressed a button: Noted: you asked the customer to confirm.");
    }

    @Test
    void run_shippedWeek_showsFollowUpNudgesAndTheRegressionTheyCaught() {
        assertThat(output).contains("🔔 nudge to Anna · follow-up · \"CSV export times out\"")
                .contains("→ followed up (agent-checked-back-in-thread)")
                .contains("→ REOPENED: still broken (builtin:still.happening-again)");
    }

    @Test
    void run_shippedWeek_tracksPromisesKeptAndMissed() {
        assertThat(output).contains("→ promise tracked, due")
                .contains("🔔 nudge to Anna · promise-due · \"Empty dashboard charts\"");
        assertThat(output).doesNotContain("nudge to Ben · promise-due");
    }

    @Test
    void run_shippedWeek_recordsADesiredResultAsksAgainstItAndRecallsNotes() {
        assertThat(output).contains("wrote: \"We need correct invoices before our month-end close on Friday\" — "
                        + "is that the result they need?")
                .contains("Sofia (Larkspur) needs correct Austrian VAT on invoices before the month-end close (by Fri "
                        + "20 Nov). Has Sofia (Larkspur) confirmed *that* works?")
                .contains("│ Last time: her finance team closes the month on Fridays")
                .contains("│ Last time: migrating to SSO in Q1");
        String review = output.substring(output.lastIndexOf("The week's review"));
        assertThat(review).contains("*The customer's result:* Desired result known for 1 of 9 issues; 1 confirmed "
                + "against it.");
    }

    @Test
    void run_shippedWeek_defersASnoozeOutOfQuietHours() {
        assertThat(output).contains("Chloé pressed a button: Snoozed until Mon 09:00.");
    }

    @Test
    void run_shippedWeek_printsTheScorecardWithHandCountedNumbers() {
        String review = output.substring(output.lastIndexOf("The week's review"));
        // Proposed or confirmed: CSV, webhooks, SSO, VAT, API key, charts, admin, bulk upload = 8 issues;
        // confirmed by the customer's words or ✅: all but bulk upload (attested) = 7 (VAT on Wednesday).
        assertThat(review).contains("Verified-resolution rate: *88%* (7/8)")
                .contains("Agent-attested confirmations (not counted above): *1*")
                .contains("Reopened: *2*")
                .contains("Regressions caught by follow-ups: *1*")
                // Due: 2 promises (Ben's kept, Anna's missed) + 3 follow-ups falling due on Thursday (Priya's
                // and Kenji's done, Marco's not); those ending on the weekend wait for Monday's working hours.
                // (With HAPPY3_SIGNAL_MODEL=true the model also reads two "work under way now" promises.)
                .contains("Promises kept: *75%* (3/4)") // incl. "looking into it right now", "on it" (work under way)
                .contains("Follow-ups done when due: *71%* (5/7)")
                .contains("Issues opened: *9*")
                .contains("*Per agent* (leads only)");
    }

    @Test
    void run_shippedWeek_postsTheDigestWithAcceptedMomentsAndAChart() {
        assertThat(output).contains("📣 posted in #C0SUPPORT:")
                .contains("*What we're proud of — 2026-W47")
                .contains("@Anna found Omar's broken dashboard query in half an hour.")
                .contains("happy3-trend-2026-W47.png");
        assertThat(output).as("one highlight per issue, naming the customer and the outcome")
                .contains("⭐ *Anna* — Priya (Northwind) confirmed the fix and thanked Anna; 3 days later it still worked")
                .contains("The follow-up 3 days after the fix caught a regression; Kenji (Tessera) confirmed the new fix");
        assertThat(output).as("a check-in list two weeks on, with why, the notes and the buttons").contains(
                "Anna's check-in list (/happy3 checkins)", "(4 to do, checked in 0 of your quota of 25)",
                "• @Priya (Northwind) — confirmed the fix 14 days ago: is it still working?\n"
                        + "             Notes: migrating to SSO in Q1\n             [Checked in] [Snooze] [Not needed]");
        assertThat(output).as("the team section leads with consistency").contains(
                "*Consistency — issues where every playbook step happened*", "• Team: *89%* (8/9)",
                // Marco's follow-up (Ben) was not done; every still-waiting nudge was acted on, and a customer's
                // "works now, thanks" is no message left waiting.
                "Most often skipped: `follow-up` skipped 1 of 3");
        assertThat(output).doesNotContain("2026-W46 (Mon 9 Nov");
    }
}
