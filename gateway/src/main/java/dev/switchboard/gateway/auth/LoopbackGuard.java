package dev.switchboard.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses to start with an open admin API that others can reach: {@code none} is for a laptop, where
 * the gateway listens on loopback only. Also refuses {@code oidc} without an OIDC provider, which
 * would otherwise lock everyone out with no hint why.
 */
@ApplicationScoped
class LoopbackGuard {

    private static final Logger LOG = Logger.getLogger(LoopbackGuard.class);

    private final AdminAuthConfig config;
    private final String host;
    private final boolean oidcEnabled;

    LoopbackGuard(AdminAuthConfig config, @ConfigProperty(name = "quarkus.http.host") String host,
                  @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidcEnabled) {
        this.config = config;
        this.host = host;
        this.oidcEnabled = oidcEnabled;
    }

    void check(@Observes StartupEvent startup) {
        verify(config.auth(), host, oidcEnabled);
        if (config.auth() == AuthMode.NONE) {
            LOG.warnf("event=admin_api_open auth=none host=%s: anyone who can reach this address is admin", host);
        }
    }

    /** Throws {@link IllegalStateException} naming the setting to change when the combination is unsafe or unusable. */
    static void verify(AuthMode mode, String host, boolean oidcEnabled) {
        if (mode == AuthMode.NONE && !isLoopback(host)) {
            throw new IllegalStateException(("switchboard.admin.auth=none is refused because quarkus.http.host=%s is not a "
                    + "loopback address: the admin API would be open to the network. Use switchboard.admin.auth=oidc, "
                    + "or listen on 127.0.0.1").formatted(host));
        }
        if (mode == AuthMode.OIDC && !oidcEnabled) {
            throw new IllegalStateException("switchboard.admin.auth=oidc needs an OpenID Connect provider: set "
                    + "quarkus.oidc.tenant-enabled=true, quarkus.oidc.auth-server-url, quarkus.oidc.client-id and "
                    + "quarkus.oidc.credentials.secret (see docs/console.md), or use switchboard.admin.auth=none on loopback");
        }
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
