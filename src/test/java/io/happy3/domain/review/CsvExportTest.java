package io.happy3.domain.review;

import static io.happy3.domain.review.WeekFixture.W47;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {
    private final String csv = CsvExport.write(W47, WeekFixture.issues(),
            issue -> "https://x.slack.com/archives/C1/p" + issue.root().id());

    @Test
    void write_fixtureWeek_headerThenOneRowPerActiveIssueWithCrlf() {
        String[] lines = csv.split("\r\n", -1);

        assertThat(lines[0]).isEqualTo("issue_id,platform,channel,customer,agent,opened_at,first_response_minutes,"
                + "resolution_proposed_at,confirmed_at,evidence,reopened,bounce_back,followed_up_at,closed_stale_at,"
                + "state,link");
        // i9, i1, i2, i3, i4, i7, i5, i6 by opening time; i8 (deleted) and p1 (last week) left out
        assertThat(lines).hasSize(1 + 8 + 1);
        assertThat(lines[lines.length - 1]).isEmpty();
        assertThat(Arrays.stream(lines).skip(1).limit(8).map(line -> line.split(",")[0]))
                .containsExactly("slack:T1:C1:i9", "slack:T1:C1:i1", "slack:T1:C1:i2", "slack:T1:C1:i3",
                        "slack:T1:C1:i4", "slack:T1:C1:i7", "slack:T1:C1:i5", "slack:T1:C1:i6");
    }

    @Test
    void write_reopenedIssue_checkpointsInTheirColumns() {
        String row = Arrays.stream(csv.split("\r\n")).filter(line -> line.startsWith("slack:T1:C1:i3,")).findFirst()
                .orElseThrow();

        assertThat(row).isEqualTo("slack:T1:C1:i3,slack,C1,UC3,UALICE,2026-11-17T09:00:00Z,20.0,"
                + "2026-11-17T09:30:00Z,2026-11-17T10:00:00Z,customer_reaction,1,false,2026-11-20T10:00:00Z,,"
                + "resolution_proposed,https://x.slack.com/archives/C1/pi3");
    }

    @Test
    void write_unansweredIssue_emptyCheckpoints() {
        String row = Arrays.stream(csv.split("\r\n")).filter(line -> line.startsWith("slack:T1:C1:i5,")).findFirst()
                .orElseThrow();

        assertThat(row).isEqualTo("slack:T1:C1:i5,slack,C1,UC5,,2026-11-21T22:00:00Z,,,,,0,false,,,open,"
                + "https://x.slack.com/archives/C1/pi5");
    }

    @Test
    void write_linkWithCommaAndQuote_quotedPerRfc4180() {
        String quoted = CsvExport.write(W47, List.of(WeekFixture.issues().get(2)), issue -> "say \"hi\", then\nbye");

        assertThat(quoted).endsWith(",\"say \"\"hi\"\", then\nbye\"\r\n");
        assertThat(CsvExport.quote("plain")).isEqualTo("plain");
        assertThat(CsvExport.quote("a\rb")).isEqualTo("\"a\rb\"");
    }

    @Test
    void write_noIssues_headerOnly() {
        assertThat(CsvExport.write(W47, List.of())).isEqualTo(String.join(",", CsvExport.COLUMNS) + "\r\n");
    }
}
