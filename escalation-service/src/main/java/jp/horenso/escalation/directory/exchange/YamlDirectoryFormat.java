package jp.horenso.escalation.directory.exchange;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import jp.horenso.platform.problem.FieldProblem;
import jp.horenso.platform.problem.Message;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The directory in YAML, in the shape of a seed file without its chain ({@code organisation}, {@code units},
 * {@code people}, {@code positions}, {@code deputies}). Read as SnakeYAML's node tree, which keeps each
 * value's line, so that every error can say where it is.
 */
public final class YamlDirectoryFormat {

    /** The media type of the YAML format. */
    public static final String MEDIA_TYPE = "application/yaml";

    private static final Set<String> SECTIONS = Set.of("organisation", "units", "people", "positions", "deputies");
    private static final Set<String> UNIT_KEYS = Set.of("code", "kind", "parent", "name");
    private static final Set<String> PERSON_KEYS = Set.of("username", "name", "email", "locale", "unit");
    private static final Set<String> POSITION_KEYS = Set.of("position", "unit", "holder");
    private static final Set<String> DEPUTY_KEYS = Set.of("position", "unit", "deputy", "validFrom", "validUntil");

    private YamlDirectoryFormat() {}

    public static DirectoryRows read(String text) {
        DirectoryRows rows = new DirectoryRows();
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            rows.unreadable.add(new FieldProblem(
                    "yaml",
                    line,
                    Message.text("YAML として読めません: " + e.getProblem(), "Not readable as YAML: " + e.getProblem())));
            return rows;
        } catch (YAMLException e) {
            rows.unreadable.add(new FieldProblem("yaml", 1, Message.text("YAML として読めません。", "Not readable as YAML.")));
            return rows;
        }
        if (!(root instanceof MappingNode document)) {
            rows.unreadable.add(new FieldProblem(
                    "yaml", 1, Message.text("文書が空か、対応表ではありません。", "The document is empty or not a mapping.")));
            return rows;
        }
        readSections(document, rows, Set.of(), Set.of());
        return rows;
    }

    /**
     * Reads the directory's sections of a YAML document already composed into {@code rows}; the sections in
     * {@code otherSections} and the keys of {@code organisation} in {@code otherOrganisationKeys} are left to the
     * caller (an onboarding bundle's chain and profile), any other key is an error.
     */
    public static void readSections(
            MappingNode document, DirectoryRows rows, Set<String> otherSections, Set<String> otherOrganisationKeys) {
        Set<String> organisationKeys = new java.util.HashSet<>(otherOrganisationKeys);
        organisationKeys.addAll(Set.of("code", "name"));
        for (NodeTuple section : document.getValue()) {
            String key = scalar(section.getKeyNode());
            Node value = section.getValueNode();
            if (otherSections.contains(key)) {
                continue;
            }
            if (!SECTIONS.contains(key)) {
                rows.unreadable.add(unknownKey(key, section.getKeyNode()));
                continue;
            }
            if (key.equals("organisation")) {
                Map<String, Node> org = mapping(value, organisationKeys, key, rows);
                if (org != null) {
                    Map<String, Node> name = org.containsKey("name")
                            ? mapping(org.get("name"), Set.of("ja", "en"), "organisation.name", rows)
                            : null;
                    rows.organisation = new DirectoryRows.OrganisationRow(
                            line(value),
                            text(org, "code"),
                            name == null ? "" : text(name, "ja"),
                            name == null ? "" : text(name, "en"));
                }
                continue;
            }
            if (!(value instanceof SequenceNode list)) {
                if (!(value instanceof ScalarNode empty && empty.getValue().isEmpty())) {
                    rows.unreadable.add(new FieldProblem(
                            key, line(value), Message.text(key + " は一覧にしてください。", key + " must be a list.")));
                }
                continue;
            }
            for (Node item : list.getValue()) {
                switch (key) {
                    case "units" -> {
                        Map<String, Node> u = mapping(item, UNIT_KEYS, key, rows);
                        if (u != null) {
                            Map<String, Node> name = u.containsKey("name")
                                    ? mapping(u.get("name"), Set.of("ja", "en"), "units.name", rows)
                                    : null;
                            rows.units.add(new DirectoryRows.UnitRow(
                                    line(item),
                                    text(u, "code"),
                                    text(u, "kind"),
                                    text(u, "parent"),
                                    name == null ? "" : text(name, "ja"),
                                    name == null ? "" : text(name, "en")));
                        }
                    }
                    case "people" -> {
                        Map<String, Node> p = mapping(item, PERSON_KEYS, key, rows);
                        if (p != null) {
                            rows.people.add(new DirectoryRows.PersonRow(
                                    line(item),
                                    text(p, "username"),
                                    text(p, "name"),
                                    text(p, "email"),
                                    text(p, "locale"),
                                    text(p, "unit")));
                        }
                    }
                    case "positions" -> {
                        Map<String, Node> p = mapping(item, POSITION_KEYS, key, rows);
                        if (p != null) {
                            rows.positions.add(new DirectoryRows.PositionRow(
                                    line(item), text(p, "position"), text(p, "unit"), text(p, "holder")));
                        }
                    }
                    default -> {
                        Map<String, Node> d = mapping(item, DEPUTY_KEYS, key, rows);
                        if (d != null) {
                            rows.deputies.add(new DirectoryRows.DeputyRow(
                                    line(item),
                                    text(d, "position"),
                                    text(d, "unit"),
                                    text(d, "deputy"),
                                    text(d, "validFrom"),
                                    text(d, "validUntil")));
                        }
                    }
                }
            }
        }
    }

    private static Map<String, Node> mapping(Node node, Set<String> keys, String where, DirectoryRows rows) {
        if (!(node instanceof MappingNode map)) {
            rows.unreadable.add(new FieldProblem(
                    where,
                    line(node),
                    Message.text(where + " の項目は対応表にしてください。", "Each entry of " + where + " must be a mapping.")));
            return null;
        }
        Map<String, Node> values = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!keys.contains(key)) {
                rows.unreadable.add(unknownKey(where + "." + key, tuple.getKeyNode()));
            } else {
                values.put(key, tuple.getValueNode());
            }
        }
        return values;
    }

    private static FieldProblem unknownKey(String key, Node node) {
        return new FieldProblem(key, line(node), Message.text("不明な項目 " + key + " があります。", "Unknown key " + key + "."));
    }

    private static String text(Map<String, Node> values, String key) {
        Node node = values.get(key);
        return node instanceof ScalarNode scalar ? scalar.getValue().trim() : "";
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(node);
    }

    /** The 1-based line a node starts on (0 when unknown). */
    public static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
