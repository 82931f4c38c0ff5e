package jp.horenso.escalation.directory;

import java.util.List;

/**
 * Who can be told for a position right now: its present holders, or a deputy standing in; or, when nobody,
 * why not.
 *
 * @param people the people to tell (empty when {@code unreachable} is set)
 * @param unreachable why nobody can be told; null when someone can
 * @param skippedUsername the holder who was left out, for {@link Unreachable#REPORTER}
 */
public record Reachable(List<Reached> people, Unreachable unreachable, String skippedUsername) {

    /** A person to tell; {@code deputy} when standing in, for {@code deputyFor} (null: the position is vacant). */
    public record Reached(Person person, boolean deputy, String deputyFor) {}

    /** Why a position reaches nobody. */
    public enum Unreachable {
        /** Nobody holds the position and no deputy is valid (空席). */
        VACANT,
        /** Every holder is absent and no deputy is valid and present. */
        ABSENT,
        /** The only holder is the one to leave out (the reporter). */
        REPORTER
    }

    public static Reachable nobody(Unreachable why, String skippedUsername) {
        return new Reachable(List.of(), why, skippedUsername);
    }
}
