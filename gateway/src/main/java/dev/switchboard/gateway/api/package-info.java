/** What every admin API resource shares: the RFC 7807 error body. */
package dev.switchboard.gateway.api;
