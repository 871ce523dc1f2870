package io.happy3.adapter.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Teams app manifest and the package built from it. */
class TeamsAppPackageTest {
    private static final String BOT_ID = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path folder;

    @Test
    void manifest_parses_andAsksForBotScopesCommandsAndConsent() throws IOException {
        JsonNode manifest = TeamsTestBed.JSON.readTree(TeamsAppPackage.SOURCE.resolve("manifest.json").toFile());

        assertThat(Double.parseDouble(manifest.path("manifestVersion").asText())).isGreaterThanOrEqualTo(1.19);
        JsonNode bot = manifest.path("bots").get(0);
        assertThat(bot.path("botId").asText()).isEqualTo(TeamsAppPackage.BOT_ID_PLACEHOLDER);
        assertThat(bot.path("scopes").toString()).contains("team", "personal", "groupChat");
        assertThat(bot.path("commandLists").toString()).contains("\"follow\"", "\"review\"", "\"inbox\"");
        assertThat(manifest.path("authorization").path("permissions").path("resourceSpecific").toString())
                .contains("ChannelMessage.Read.Group", "ChatMessage.Read.Chat")
                .as("Graph's team members, to tell team owners").contains(GraphTeamOwners.PERMISSION);
        assertThat(manifest.path("webApplicationInfo").path("id").asText())
                .isEqualTo(TeamsAppPackage.BOT_ID_PLACEHOLDER);
    }

    @Test
    void write_withBotId_zipsManifestWithTheIdAndBothIconsAtTheirSizes() throws IOException {
        Path out = folder.resolve("happy3-teams.zip");

        TeamsAppPackage.write(out, BOT_ID);

        Map<String, byte[]> entries = unzip(out);
        assertThat(entries).containsOnlyKeys("manifest.json", "color.png", "outline.png");
        String manifest = new String(entries.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(manifest).doesNotContain(TeamsAppPackage.BOT_ID_PLACEHOLDER);
        JsonNode parsed = TeamsTestBed.JSON.readTree(manifest);
        assertThat(parsed.path("id").asText()).isEqualTo(BOT_ID);
        assertThat(parsed.path("bots").get(0).path("botId").asText()).isEqualTo(BOT_ID);
        BufferedImage color = ImageIO.read(new ByteArrayInputStream(entries.get("color.png")));
        BufferedImage outline = ImageIO.read(new ByteArrayInputStream(entries.get("outline.png")));
        assertThat(color.getWidth()).isEqualTo(192);
        assertThat(color.getHeight()).isEqualTo(192);
        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getHeight()).isEqualTo(32);
        assertWhiteOnTransparent(outline);
    }

    @Test
    void write_withVersion_setsTheManifestVersionOnly() throws IOException {
        Path out = folder.resolve("versioned.zip");

        TeamsAppPackage.write(out, BOT_ID, java.util.Optional.of("1.4.2"));

        JsonNode parsed = TeamsTestBed.JSON.readTree(unzip(out).get("manifest.json"));
        assertThat(parsed.path("version").asText()).isEqualTo("1.4.2");
        assertThat(parsed.path("manifestVersion").asText()).isEqualTo("1.19");
        assertThatThrownBy(() -> TeamsAppPackage.write(out, BOT_ID, java.util.Optional.of("latest")))
                .hasMessageContaining("1.2.3");
    }

    @Test
    void manifest_privacyAndTermsLinks_pointAtFilesThatExist() throws IOException {
        JsonNode manifest = TeamsTestBed.JSON.readTree(Files.readAllBytes(Path.of("deploy/teams/manifest.json")));
        String prefix = "https://github.com/happy3/happy3/blob/main/";

        for (String field : java.util.List.of("privacyUrl", "termsOfUseUrl")) {
            String url = manifest.path("developer").path(field).asText();
            assertThat(url).startsWith(prefix);
            assertThat(Path.of(url.substring(prefix.length()))).as(field).isRegularFile();
        }
        assertThat(Files.readString(Path.of("LICENSE"))).contains("Apache License", "Version 2.0");
    }

    @Test
    void write_withSomethingElseThanAGuid_refuses() {
        assertThatThrownBy(() -> TeamsAppPackage.write(folder.resolve("x.zip"), "not-a-guid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GUID");
    }

    @Test
    void icons_committed_matchTheDrawing() throws IOException {
        BufferedImage outline = ImageIO.read(TeamsAppPackage.SOURCE.resolve("outline.png").toFile());
        BufferedImage color = ImageIO.read(TeamsAppPackage.SOURCE.resolve("color.png").toFile());

        assertThat(differingPixels(outline, TeamsIcons.outline())).as("outline.png vs the drawing").isLessThan(
                32 * 32 / 100);
        assertThat(differingPixels(color, TeamsIcons.color())).as("color.png vs the drawing").isLessThan(
                192 * 192 / 100);
        assertThat(color.getRGB(96, 4) & 0xFFFFFF).as("the accent green background").isEqualTo(0x2E7D32);
        assertThat(color.getRGB(24, 96) & 0xFFFFFF).as("the white face outline on the left").isEqualTo(0xFFFFFF);
    }

    /** Pixels whose alpha or a colour channel differ by more than a rounding step of anti-aliasing. */
    private static int differingPixels(BufferedImage committed, BufferedImage drawn) {
        assertThat(committed.getWidth()).isEqualTo(drawn.getWidth());
        assertThat(committed.getHeight()).isEqualTo(drawn.getHeight());
        int differing = 0;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                int a = committed.getRGB(x, y);
                int b = drawn.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    if (Math.abs((a >>> shift & 0xFF) - (b >>> shift & 0xFF)) > 32) {
                        differing++;
                        break;
                    }
                }
            }
        }
        return differing;
    }

    private static void assertWhiteOnTransparent(BufferedImage image) {
        int opaque = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int alpha = argb >>> 24;
                if (alpha > 0) {
                    opaque++;
                    assertThat(argb & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0xFFFFFF);
                }
            }
        }
        assertThat(opaque).isPositive();
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
