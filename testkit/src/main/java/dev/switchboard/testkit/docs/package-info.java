/**
 * Reading the repository's Markdown documentation in tests, so that tests can compare what the docs
 * promise (property tables, option tables, API calls, commands) with what the code has.
 */
package dev.switchboard.testkit.docs;
