package dev.switchboard.testkit.browser;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does in a brokered login, over plain HTTP: follows redirects, keeps cookies,
 * submits forms (login forms and the SAML POST-binding auto-submit forms).
 *
 * <p>Keycloak marks its cookies {@code Secure} even on {@code http://127.0.0.1}; browsers send them
 * on loopback, Java's {@code CookieManager} does not (the broker then fails with
 * {@code cookie_not_found}). So this keeps its own store: every cookie is sent back to the same
 * host when its path matches, whatever its {@code Secure} flag.
 */
public final class BrowserSession {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')", Pattern.DOTALL);
    private static final int MAX_REDIRECTS = 20;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    /** host + path + name → value. */
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();
    private final String stopAt;

    /** @param stopAt a redirect to a URL starting with this is not followed (the client's redirect URI). */
    public BrowserSession(String stopAt) {
        this.stopAt = stopAt;
    }

    /** A page as the browser ended on it: the last answer and the URL it came from. */
    public record Page(URI url, int status, String body, Optional<URI> redirect) {

        /** The first form whose attributes contain {@code marker} (e.g. an id, or "SAMLResponse"). */
        public Form form(String marker) {
            Matcher m = FORM.matcher(body);
            while (m.find()) {
                if (m.group(0).contains(marker)) {
                    Map<String, String> attributes = attributes(m.group(1));
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher input = INPUT.matcher(m.group(2));
                    while (input.find()) {
                        Map<String, String> a = attributes(input.group(1));
                        if (a.containsKey("name")) {
                            fields.put(a.get("name"), a.getOrDefault("value", ""));
                        }
                    }
                    return new Form(url.resolve(attributes.getOrDefault("action", url.toString())), fields);
                }
            }
            throw new AssertionError("no form with '%s' at %s (status %d): %s".formatted(marker, url, status, excerpt()));
        }

        public String excerpt() {
            return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
        }
    }

    public record Form(URI action, Map<String, String> fields) {
    }

    public Page open(URI url) {
        return follow(send(HttpRequest.newBuilder(url).GET(), url));
    }

    /** Submits the form with its own fields overridden by {@code values}, then follows redirects. */
    public Page submit(Form form, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(form.fields());
        all.putAll(values);
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return follow(send(request, form.action()));
    }

    private Page follow(Page page) {
        Page current = page;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            if (current.redirect().isEmpty() || current.redirect().get().toString().startsWith(stopAt)) {
                return current;
            }
            URI next = current.redirect().get();
            current = send(HttpRequest.newBuilder(next).GET(), next);
        }
        throw new AssertionError("more than %d redirects, last at %s".formatted(MAX_REDIRECTS, current.url()));
    }

    /**
     * The cookies this browser would send to {@code url}, as a {@code Cookie} header value: for
     * calls a test makes itself with the session the browser signed in with.
     */
    public String cookieHeader(URI url) {
        return cookies.values().stream()
                .filter(c -> c.host().equals(url.getHost()) && pathOf(url).startsWith(c.path()))
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
    }

    private Page send(HttpRequest.Builder request, URI url) {
        String cookieHeader = cookieHeader(url);
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        request.timeout(Duration.ofSeconds(60));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> remember(url, header));
            Optional<URI> redirect = response.statusCode() / 100 == 3
                    ? response.headers().firstValue("Location").map(url::resolve)
                    : Optional.empty();
            return new Page(url, response.statusCode(), response.body(), redirect);
        } catch (IOException e) {
            throw new AssertionError("request to " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void remember(URI url, String header) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String path = "/";
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            String lower = part.toLowerCase();
            if (lower.startsWith("path=")) {
                path = part.substring(5);
            } else if (lower.startsWith("max-age=") && part.substring(8).trim().startsWith("0")) {
                expired = true;
            } else if (lower.startsWith("expires=") && part.contains("1970")) {
                expired = true;
            }
        }
        String key = url.getHost() + path + "|" + name;
        if (expired) {
            cookies.remove(key);
        } else {
            cookies.put(key, new Cookie(url.getHost(), path, name, value));
        }
    }

    private static String pathOf(URI url) {
        return url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            String value = m.group(3) != null ? m.group(3) : m.group(4);
            attributes.put(m.group(1).toLowerCase(), unescape(value));
        }
        return attributes;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x3a;", ":").replace("&#x2f;", "/").replace("&#x3d;", "=").replace("&lt;", "<").replace("&gt;", ">");
    }

    private record Cookie(String host, String path, String name, String value) {
    }

    /** Cookie names held, for failure messages (values are session secrets and are not shown). */
    public List<String> cookieNames() {
        return cookies.values().stream().map(Cookie::name).toList();
    }
}
