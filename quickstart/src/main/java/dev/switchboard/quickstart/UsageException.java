package dev.switchboard.quickstart;

/**
 * The command line or the environment asks for something the quickstart cannot do (an unknown
 * flag, a port that is not a number or is taken). Permanent: the message says what to change, and
 * nothing has been started when it is thrown.
 */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
