package dev.cairn.adapters.ffmpeg;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bytedeco.javacv.Frame;

/** Still pictures in Java2D: from a grabbed RGBA frame, turned, cropped, scaled down, written as JPEG. */
final class Pictures {
    static final float JPEG_QUALITY = 0.85f;

    private Pictures() {}

    /** A copy of an RGBA {@code frame} (JavaCV reuses its buffer), transparency flattened onto white. */
    static BufferedImage fromRgba(Frame frame) {
        int width = frame.imageWidth;
        int height = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            int base = y * stride;
            for (int x = 0; x < width; x++) {
                int p = base + 4 * x;
                int a = pixels.get(p + 3) & 0xff;
                int r = over(pixels.get(p) & 0xff, a);
                int g = over(pixels.get(p + 1) & 0xff, a);
                int b = over(pixels.get(p + 2) & 0xff, a);
                row[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, 0 + y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int over(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    /** {@code image} turned clockwise by {@code degrees} (0, 90, 180, 270), as a player would show it. */
    static BufferedImage rotated(BufferedImage image, int degrees) {
        if (degrees == 0) {
            return image;
        }
        boolean quarter = degrees == 90 || degrees == 270;
        int w = quarter ? image.getHeight() : image.getWidth();
        int h = quarter ? image.getWidth() : image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            AffineTransform t = new AffineTransform();
            t.translate(w / 2.0, h / 2.0);
            t.rotate(Math.toRadians(degrees));
            t.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The largest centred square of {@code image}. */
    static BufferedImage centreSquare(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        return image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    }

    /**
     * {@code image} scaled to {@code width} x {@code height}: halved with bilinear filtering while more than twice
     * too large, then bicubic, which keeps detail without the aliasing of a single big step.
     */
    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        while (current.getWidth() >= 2 * width && current.getHeight() >= 2 * height) {
            current = draw(
                    current,
                    current.getWidth() / 2,
                    current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() == width && current.getHeight() == height && current != image) {
            return current;
        }
        return draw(current, width, height, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, Object interpolation) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Writes {@code image} as a baseline JPEG. Through a memory-cached stream on purpose: {@link
     * ImageIO#createImageOutputStream} may cache in a temporary file, which would put pixels on disk.
     */
    static void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The standard deviation of the luma, sampled on a grid: near 0 for a black or flat frame. */
    static double lumaSpread(BufferedImage image) {
        int stepX = Math.max(1, image.getWidth() / 64);
        int stepY = Math.max(1, image.getHeight() / 64);
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int y = 0; y < image.getHeight(); y += stepY) {
            for (int x = 0; x < image.getWidth(); x += stepX) {
                int rgb = image.getRGB(x, y);
                double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += luma;
                squares += luma * luma;
                n++;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, squares / n - mean * mean));
    }
}
