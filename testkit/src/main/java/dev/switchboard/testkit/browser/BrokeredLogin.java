package dev.switchboard.testkit.browser;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A first or later login at a hub client through a brokered IdP, the way a browser does it:
 * hub → IdP (SAML: auto-posted AuthnRequest) → IdP login form → back to the hub (SAML: the
 * auto-posted response) → first-broker-login (review profile, if shown) → redirect to the client
 * with a code. The client's redirect URI is never contacted: reaching it with a code is the proof.
 *
 * @param hubRealm    {@code {server}/realms/{hub}}
 * @param clientId    a public client of the hub with the standard flow
 * @param redirectUri that client's redirect URI
 */
public record BrokeredLogin(URI hubRealm, String clientId, String redirectUri) {

    private static final int MAX_STEPS = 8;

    /**
     * Logs {@code userName} in through the IdP {@code idpAlias} (sent as {@code kc_idp_hint}) and
     * returns the redirect to the client, which carries the authorization code.
     *
     * @throws AssertionError when a page is not what a successful login shows, naming the page
     */
    public URI perform(String idpAlias, String userName, String password) {
        BrowserSession browser = new BrowserSession(redirectUri);
        URI authorize = URI.create(hubRealm + "/protocol/openid-connect/auth?client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&response_type=code&scope=openid&state=s1&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&kc_idp_hint=" + URLEncoder.encode(idpAlias, StandardCharsets.UTF_8));
        BrowserSession.Page page = browser.open(authorize);
        for (int step = 0; step < MAX_STEPS; step++) {
            if (page.redirect().isPresent()) {
                return landedAtClient(page.redirect().get(), idpAlias, userName);
            }
            if (page.status() != 200) {
                throw new AssertionError("login of %s via %s: status %d at %s: %s"
                        .formatted(userName, idpAlias, page.status(), page.url(), page.excerpt()));
            }
            page = next(browser, page, userName, password);
        }
        throw new AssertionError("login of %s via %s did not finish in %d steps, cookies %s"
                .formatted(userName, idpAlias, MAX_STEPS, browser.cookieNames()));
    }

    private static BrowserSession.Page next(BrowserSession browser, BrowserSession.Page page, String userName, String password) {
        if (page.body().contains("SAMLRequest")) {
            return browser.submit(page.form("SAMLRequest"), Map.of());
        }
        if (page.body().contains("SAMLResponse")) {
            return browser.submit(page.form("SAMLResponse"), Map.of());
        }
        if (page.body().contains("kc-form-login")) {
            return browser.submit(page.form("kc-form-login"), Map.of("username", userName, "password", password));
        }
        if (page.body().contains("kc-idp-review-profile-form")) {
            return browser.submit(page.form("kc-idp-review-profile-form"), Map.of());
        }
        throw new AssertionError("unexpected page at %s: %s".formatted(page.url(), page.excerpt()));
    }

    private URI landedAtClient(URI redirect, String idpAlias, String userName) {
        String target = redirect.toString();
        if (!target.startsWith(redirectUri) || !target.contains("code=") || target.contains("error=")) {
            throw new AssertionError("login of %s via %s should end at %s with a code, but was redirected to %s"
                    .formatted(userName, idpAlias, redirectUri, target));
        }
        return redirect;
    }
}
