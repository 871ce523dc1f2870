package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChoiceCardsTest {
    @Test
    void markdown_digestLine_boldAndLinkAsTeamsShowsThem() {
        assertThat(ChoiceCards.markdown("⭐ *Anna* — Priya confirmed the fix — <https://teams.example/l/1|thread>"))
                .isEqualTo("⭐ **Anna** — Priya confirmed the fix — [thread](https://teams.example/l/1)");
    }

    @Test
    void markdown_starsInsideWordsAndLists_leftAlone() {
        assertThat(ChoiceCards.markdown("• rate 2*3*4 and a*b, * not bold *")).isEqualTo("• rate 2*3*4 and a*b, * not bold *");
    }
}
