package jp.horenso.incident.disclosure;

import java.util.List;

/**
 * What the proposal rule suggests for a case's disclosure, with the reasons that produced it; the CISO decides.
 *
 * @param method the strongest method any rule asks for
 * @param reasons the rules that ask for that method
 */
public record DisclosureProposal(DisclosureMethod method, List<Reason> reasons) {

    /**
     * One rule that applied.
     *
     * @param rule the rule's id, e.g. {@code I1} (see the README)
     */
    public record Reason(String rule, DisclosureMethod method, String ja, String en) {}
}
