/** The audit log: who changed what through the admin API (and so through the console), and how it ended. */
package dev.switchboard.gateway.audit;
