/**
 * A browser over plain HTTP for tests and scripted checks: cookies kept the way browsers keep them
 * on loopback, forms parsed and submitted, and a brokered login driven from the hub to an IdP and back.
 */
package dev.switchboard.testkit.browser;
