package dev.cairn.adapters.http.frontend;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Telegram Mini App, built by the {@code frontend} module and found on the class path under {@link #CLASSPATH_ROOT}:
 * {@code index.html} at {@code /} and at the app's client-side routes, uncached so that a new build is picked up at
 * once; the hashed files of {@code assets/} cached for a year as immutable (a new build has new names).
 *
 * <p>Register it after the API groups. It serves named routes only (no catch-all), so an unknown {@code /api/...}
 * path stays the API's JSON 404. Asset names are checked against {@link #ASSET_NAME} before any class path lookup,
 * so no request reaches another resource ({@code ..}, slashes, and encoded forms of either are refused).
 */
public final class FrontendRoutes implements Routes {
    /** Where the frontend module packs {@code dist/}. */
    public static final String CLASSPATH_ROOT = "dev/cairn/frontend/";

    public static final String INDEX = "/";
    public static final String UPLOAD = "/upload";
    public static final String MINE = "/mine";
    public static final String CONTENT = "/content/{content_id}";
    public static final String ASSET = "/assets/{name}";

    static final String NO_CACHE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** One file name of Vite's flat {@code assets/}: no separators, no leading dot, so never {@code ..}. */
    static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"));

    private final ClassLoader loader;
    private final String root;
    private final Optional<byte[]> index;

    /** The app the frontend module put on this class's class path. */
    public static FrontendRoutes fromClasspath() {
        return new FrontendRoutes(FrontendRoutes.class.getClassLoader(), CLASSPATH_ROOT);
    }

    /**
     * @param root a class path folder holding {@code index.html} and {@code assets/}, ending in {@code /}
     */
    public FrontendRoutes(ClassLoader loader, String root) {
        this.loader = Objects.requireNonNull(loader, "loader");
        if (!root.endsWith("/") || root.startsWith("/")) {
            throw new IllegalArgumentException("root must be a relative class path folder ending in '/': " + root);
        }
        this.root = root;
        this.index = read(root + "index.html");
    }

    /** Whether a built app was found; without one the routes answer 404 {@code frontend_not_built}. */
    public boolean built() {
        return index.isPresent();
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(INDEX, this::index);
        routes.get(UPLOAD, this::index);
        routes.get(MINE, this::index);
        routes.get(CONTENT, this::index);
        routes.get(ASSET, this::asset);
    }

    void index(Context ctx) {
        byte[] page = index.orElseThrow(FrontendRoutes::notBuilt);
        ctx.header("Cache-Control", NO_CACHE)
                .header("X-Content-Type-Options", "nosniff")
                .contentType(TYPES.get("html"))
                .result(page);
    }

    void asset(Context ctx) {
        if (index.isEmpty()) {
            throw notBuilt();
        }
        String name = ctx.pathParam("name");
        if (!ASSET_NAME.matcher(name).matches()) {
            throw new ApiException(404, "asset_not_found", "no such asset: " + printable(name));
        }
        byte[] bytes = read(root + "assets/" + name)
                .orElseThrow(() -> new ApiException(404, "asset_not_found", "no such asset: " + name));
        ctx.header("Cache-Control", IMMUTABLE)
                .header("X-Content-Type-Options", "nosniff")
                .contentType(contentType(name))
                .result(bytes);
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private Optional<byte[]> read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path resource " + resource, e);
        }
    }

    private static ApiException notBuilt() {
        return new ApiException(
                404,
                "frontend_not_built",
                "this node was built without the Mini App (no " + CLASSPATH_ROOT + "index.html on its class path)");
    }

    /** A refused name for the message: bounded, and without control characters. */
    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
