package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamsMarkupTest {
    @Test
    void link_isMarkdownThatTeamsRenders_notSlackSyntax() {
        assertThat(new TeamsMarkup().link("https://teams.microsoft.com/l/message/19%3Aabc/1", "thread"))
                .isEqualTo("[thread](https://teams.microsoft.com/l/message/19%3Aabc/1)");
    }
}
