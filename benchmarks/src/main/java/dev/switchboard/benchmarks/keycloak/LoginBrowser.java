package dev.switchboard.benchmarks.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for a brokered OIDC login over plain HTTP: follows redirects itself,
 * fills Keycloak's login form, and keeps cookies by name and path. It sends Keycloak's
 * {@code Secure} cookies on loopback as browsers do (Java's {@code CookieManager} would not, and the
 * broker would then answer {@code cookie_not_found}). One instance is one fresh browser profile.
 */
final class LoginBrowser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final int MAX_HOPS = 20;

    private record Cookie(String name, String path, String value) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    /**
     * Starts at {@code start}, logs in at the IdP's form with the credentials, and returns once
     * Keycloak redirects to a URL starting with {@code callback} (the app would get its code there).
     */
    void login(URI start, String username, String password, String callback) {
        HttpResponse<String> response = get(start);
        boolean formSent = false;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            if (isRedirect(response)) {
                String location = response.headers().firstValue("Location").orElseThrow();
                if (location.startsWith(callback)) {
                    if (!location.contains("code=")) {
                        throw new IllegalStateException("login ended without a code: " + location);
                    }
                    return;
                }
                response = get(response.uri().resolve(location));
                continue;
            }
            Matcher form = LOGIN_FORM.matcher(response.body());
            if (response.statusCode() != 200 || formSent || !form.find()) {
                throw new IllegalStateException("unexpected page %d at %s: %s".formatted(response.statusCode(),
                        response.uri(), title(response.body())));
            }
            formSent = true;
            response = post(response.uri().resolve(form.group(1).replace("&amp;", "&")),
                    Map.of("username", username, "password", password, "credentialId", ""));
        }
        throw new IllegalStateException("more than " + MAX_HOPS + " hops logging in " + username);
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), uri);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, URI uri) {
        String cookieHeader = cookies.values().stream()
                .filter(cookie -> uri.getPath().startsWith(cookie.path()))
                .map(cookie -> cookie.name() + "=" + cookie.value())
                .collect(Collectors.joining("; "));
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::remember);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted requesting " + uri, e);
        }
    }

    /** Keeps name, value and path; an expired or emptied cookie is dropped. */
    private void remember(String setCookie) {
        List<String> parts = new ArrayList<>(List.of(setCookie.split(";")));
        String pair = parts.remove(0).trim();
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        String path = "/";
        boolean expired = value.isEmpty();
        for (String attribute : parts) {
            String trimmed = attribute.trim();
            String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("path=")) {
                path = trimmed.substring(5);
            } else if (lower.equals("max-age=0") || lower.startsWith("expires=thu, 01 jan 1970") || lower.startsWith("expires=thu, 01-jan-1970")) {
                expired = true;
            }
        }
        String key = name + "|" + path;
        if (expired) {
            cookies.remove(key);
        } else {
            cookies.put(key, new Cookie(name, path, value));
        }
    }

    private static boolean isRedirect(HttpResponse<String> response) {
        int status = response.statusCode();
        return status == 302 || status == 303 || status == 301 || status == 307;
    }

    private static String title(String html) {
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(html);
        String excerpt = html.length() > 300 ? html.substring(0, 300) : html;
        return title.find() ? title.group(1).trim() : excerpt;
    }
}
