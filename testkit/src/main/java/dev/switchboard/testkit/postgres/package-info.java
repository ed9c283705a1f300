/** Fresh PostgreSQL databases per test run on the machine's server. */
package dev.switchboard.testkit.postgres;
