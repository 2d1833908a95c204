package dev.cairn.adapters.http.frontend;

import dev.cairn.adapters.http.server.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * What a TON wallet reads before it connects to the Mini App: {@code GET /tonconnect-manifest.json} (the app's URL,
 * name and icon, as the TON Connect protocol asks) and {@code GET /icon.png}, a 180 px cairn drawn once at start. The
 * URL is {@code PUBLIC_HOST}'s when the node has one, else the origin the request came to, so a node behind no proxy
 * works out of the box.
 */
public final class TonConnectManifestRoutes implements Routes {
    public static final String MANIFEST = "/tonconnect-manifest.json";
    public static final String ICON = "/icon.png";

    private final Optional<URI> publicUrl;
    private final byte[] icon = drawIcon();

    public TonConnectManifestRoutes(Optional<URI> publicUrl) {
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(MANIFEST, this::manifest);
        routes.get(ICON, this::icon);
    }

    private void manifest(Context ctx) {
        String origin = publicUrl
                .map(u -> u.toString().replaceAll("/+$", ""))
                .orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        Map<String, String> body = new LinkedHashMap<>();
        body.put("url", origin);
        body.put("name", "Cairn");
        body.put("iconUrl", origin + ICON);
        ctx.header("Cache-Control", "no-cache").json(body);
    }

    private void icon(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=86400")
                .contentType("image/png")
                .result(icon);
    }

    /** Three stacked stones, largest at the bottom, on a transparent square. */
    private static byte[] drawIcon() {
        int size = 180;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x5b, 0x6b, 0x7a));
            g.fillOval(30, 118, 120, 44);
            g.setColor(new Color(0x7d, 0x8c, 0x99));
            g.fillOval(46, 78, 88, 42);
            g.setColor(new Color(0xa3, 0xb0, 0xba));
            g.fillOval(62, 42, 56, 38);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
