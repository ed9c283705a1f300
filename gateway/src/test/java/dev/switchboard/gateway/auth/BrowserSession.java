package dev.switchboard.gateway.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs in through the OIDC code flow over plain HTTP, as a browser would: follows redirects,
 * submits Keycloak's login form, keeps cookies per host. Keycloak marks its cookies Secure even on
 * http://127.0.0.1, which browsers send on loopback and Java's cookie store does not; this jar
 * sends them.
 */
final class BrowserSession {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Map<String, String>> cookiesByHost = new LinkedHashMap<>();

    /** Opens {@code page}, signs in as {@code user} on Keycloak's form, and follows the way back. */
    void signIn(URI page, String user, String password) {
        HttpResponse<String> response = get(page);
        response = followRedirects(response);
        Matcher form = LOGIN_FORM.matcher(response.body());
        if (!form.find()) {
            throw new IllegalStateException("no Keycloak login form at " + response.uri() + ": status " + response.statusCode());
        }
        URI action = URI.create(form.group(1).replace("&amp;", "&"));
        response = post(action, Map.of("username", user, "password", password, "credentialId", ""));
        followRedirects(response);
    }

    /** The cookies this session holds for {@code url}'s host and port, as a Cookie header value. */
    String cookieHeader(URI url) {
        return cookiesByHost.getOrDefault(hostKey(url), Map.of()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET());
    }

    /** Follows redirects until a page answers; stops at the first non-redirect. */
    HttpResponse<String> followRedirects(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = get(current.uri().resolve(location));
        }
        return current;
    }

    private HttpResponse<String> post(URI url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest probe = builder.copy().build();
        String cookies = cookieHeader(probe.uri());
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        try {
            HttpResponse<String> response = http.send(builder.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            keepCookies(response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + probe.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void keepCookies(HttpResponse<String> response) {
        Map<String, String> jar = cookiesByHost.computeIfAbsent(hostKey(response.uri()), k -> new LinkedHashMap<>());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
    }

    private static String hostKey(URI url) {
        return url.getHost() + ":" + url.getPort();
    }

    static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }
}
