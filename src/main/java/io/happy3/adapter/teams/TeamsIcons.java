package io.happy3.adapter.teams;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the two Teams app icons with java.awt: the 192×192 colour icon (a smile and a "3" on the accent colour)
 * and the 32×32 outline icon (the same smile, white on transparent, as Teams requires). The committed PNGs in
 * {@code deploy/teams/} were made with {@link #write}; run it again after changing the drawing.
 */
final class TeamsIcons {
    static final Color ACCENT = new Color(0x2E, 0x7D, 0x32);

    private TeamsIcons() {
    }

    static BufferedImage color() {
        BufferedImage image = new BufferedImage(192, 192, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = smooth(image);
        graphics.setColor(ACCENT);
        graphics.fill(new RoundRectangle2D.Double(0, 0, 192, 192, 40, 40));
        graphics.setColor(Color.WHITE);
        face(graphics, 24, 28, 136, 10f);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 52));
        graphics.drawString("3", 140, 62);
        graphics.dispose();
        return image;
    }

    static BufferedImage outline() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = smooth(image);
        graphics.setColor(Color.WHITE);
        face(graphics, 2, 2, 28, 2.5f);
        graphics.dispose();
        return image;
    }

    /** A round face: outline, two eyes, a smile, in the current colour. */
    private static void face(Graphics2D graphics, double x, double y, double size, float stroke) {
        graphics.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        graphics.draw(new Ellipse2D.Double(x, y, size, size));
        double eye = size * 0.1;
        graphics.fill(new Ellipse2D.Double(x + size * 0.32 - eye / 2, y + size * 0.36, eye, eye));
        graphics.fill(new Ellipse2D.Double(x + size * 0.68 - eye / 2, y + size * 0.36, eye, eye));
        graphics.draw(new Arc2D.Double(x + size * 0.25, y + size * 0.3, size * 0.5, size * 0.45, 200, 140,
                Arc2D.OPEN));
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return graphics;
    }

    /** Writes {@code color.png} and {@code outline.png} into {@code directory}. */
    static void write(Path directory) {
        try {
            Files.createDirectories(directory);
            ImageIO.write(color(), "png", directory.resolve(TeamsAppPackage.COLOR_ICON).toFile());
            ImageIO.write(outline(), "png", directory.resolve(TeamsAppPackage.OUTLINE_ICON).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Teams icons to " + directory, e);
        }
    }
}
