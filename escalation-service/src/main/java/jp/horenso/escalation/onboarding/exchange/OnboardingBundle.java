package jp.horenso.escalation.onboarding.exchange;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.directory.exchange.DirectoryRows;
import jp.horenso.escalation.directory.exchange.YamlDirectoryFormat;
import jp.horenso.platform.problem.FieldProblem;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An organisation as an onboarding bundle states it, before any check against the database: its profile, its
 * directory rows (each with its line), chain version 1, and what could not be read.
 *
 * @param profile null when the bundle has no readable {@code organisation}
 * @param chain null when the bundle has no readable {@code chain}
 * @param chainNode the {@code chain} node, to find the line of a problem the chain check names by its path
 * @param problems what is wrong with the profile or the chain as written (the directory's own are in
 *     {@code rows.unreadable})
 */
public record OnboardingBundle(
        Profile profile, DirectoryRows rows, ChainDocument chain, Node chainNode, List<FieldProblem> problems) {

    /** The classification scheme an organisation gets when its bundle names none (the Kanuma standard's own). */
    public static final String DEFAULT_SCHEME = "KANUMA";

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** The organisation's profile: what documents, case numbers and the classification need. */
    public record Profile(
            int line,
            String code,
            String nameJa,
            String nameEn,
            String caseNumberPrefix,
            int caseNumberPrefixLine,
            String classificationScheme,
            String contactJa,
            String contactEn,
            List<String> publicContacts) {}

    /** The line of the chain's element at {@code path} (e.g. {@code steps[2].onTimeout[0]}), else of the chain. */
    public Integer chainLine(String path) {
        if (chainNode == null) {
            return null;
        }
        Node node = chainNode;
        Matcher step = STEP.matcher(path == null ? "" : path);
        while (step.find()) {
            Node next = null;
            if (step.group(1) != null && node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key
                            && key.getValue().equals(step.group(1))) {
                        next = tuple.getValueNode();
                    }
                }
            } else if (step.group(2) != null && node instanceof SequenceNode sequence) {
                int index = Integer.parseInt(step.group(2));
                next = index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return YamlDirectoryFormat.line(node);
    }
}
