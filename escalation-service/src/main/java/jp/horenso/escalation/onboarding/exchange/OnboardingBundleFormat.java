package jp.horenso.escalation.onboarding.exchange;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jp.horenso.escalation.chain.ChainDocument;
import jp.horenso.escalation.directory.exchange.DirectoryRows;
import jp.horenso.escalation.directory.exchange.YamlDirectoryFormat;
import jp.horenso.escalation.onboarding.exchange.OnboardingBundle.Profile;
import jp.horenso.platform.events.CloudEvents;
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
 * Reads an onboarding bundle: the YAML of a seed file ({@code seed/demo-city.yaml}) — {@code organisation} with its
 * profile, {@code units}, {@code people}, {@code positions}, {@code deputies}, {@code chain}. Read twice: as
 * SnakeYAML's node tree, which keeps every value's line, and the chain once more by Jackson into its document
 * (whose errors have their line too). Checks here only what needs no database; every problem names its field and
 * line.
 *
 * <p>The profile: {@code organisation.caseNumberPrefix} ({@code [A-Z][A-Z0-9]{1,9}}) and {@code organisation.contact
 * {ja, en}} are required; {@code organisation.classificationScheme} defaults to {@code KANUMA} (the Kanuma
 * standard's own); {@code organisation.publicContacts} defaults to none.
 */
public final class OnboardingBundleFormat {

    /** What a case-number prefix looks like: {@code DEMO}, {@code GIKAI}. */
    public static final Pattern CASE_NUMBER_PREFIX = Pattern.compile("[A-Z][A-Z0-9]{1,9}");
    /**
     * The classification schemes incident-service knows (its {@code rules/classification-schemes.json}; the event
     * contract's {@code OrganisationOnboarded.classificationScheme} lists the same).
     */
    public static final Set<String> SCHEMES = Set.of(OnboardingBundle.DEFAULT_SCHEME, "MIC-2024");

    private static final Set<String> PROFILE_KEYS =
            Set.of("caseNumberPrefix", "classificationScheme", "contact", "publicContacts");
    private static final int MAX_TEXT = 500;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Only the chain of a bundle (the other sections are read from the node tree). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record ChainOnly(ChainDocument chain) {}

    private OnboardingBundleFormat() {}

    public static OnboardingBundle read(String text) {
        DirectoryRows rows = new DirectoryRows();
        List<FieldProblem> problems = new ArrayList<>();
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .compose(new StringReader(text == null ? "" : text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new FieldProblem(
                    "yaml",
                    line,
                    Message.text("YAML として読めません: " + e.getProblem(), "Not readable as YAML: " + e.getProblem())));
            return new OnboardingBundle(null, rows, null, null, problems);
        } catch (YAMLException e) {
            problems.add(new FieldProblem("yaml", 1, Message.text("YAML として読めません。", "Not readable as YAML.")));
            return new OnboardingBundle(null, rows, null, null, problems);
        }
        if (!(root instanceof MappingNode document)) {
            problems.add(new FieldProblem(
                    "yaml", 1, Message.text("文書が空か、対応表ではありません。", "The document is empty or not a mapping.")));
            return new OnboardingBundle(null, rows, null, null, problems);
        }
        YamlDirectoryFormat.readSections(document, rows, Set.of("chain"), PROFILE_KEYS);
        Node organisation = value(document, "organisation");
        Profile profile = null;
        if (organisation == null) {
            problems.add(required("organisation", 1));
        } else if (organisation instanceof MappingNode mapping) {
            profile = profile(mapping, problems);
        }
        Node chainNode = value(document, "chain");
        ChainDocument chain = null;
        if (chainNode == null) {
            problems.add(required("chain", YamlDirectoryFormat.line(document)));
        } else {
            chain = chain(text, problems);
        }
        return new OnboardingBundle(profile, rows, chain, chainNode, problems);
    }

    private static Profile profile(MappingNode organisation, List<FieldProblem> problems) {
        int line = YamlDirectoryFormat.line(organisation);
        String code = scalar(organisation, "code", problems, "organisation.code");
        if (code.isEmpty()) {
            problems.add(required("organisation.code", line));
        } else if (!CloudEvents.ORGANISATION_CODE.matcher(code).matches()) {
            problems.add(error(
                    lineOf(organisation, "code"),
                    "organisation.code",
                    "組織コード '" + code + "' は英小文字・数字・ハイフン（63 文字まで、先頭は英小文字か数字）にしてください。",
                    "Organisation code '" + code + "' must be lower-case letters, digits and hyphens (up to 63,"
                            + " starting with a letter or digit)."));
        }
        Node nameNode = value(organisation, "name");
        String nameJa =
                nameNode instanceof MappingNode name ? scalar(name, "ja", problems, "organisation.name.ja") : "";
        String nameEn =
                nameNode instanceof MappingNode name ? scalar(name, "en", problems, "organisation.name.en") : "";
        if (nameJa.isEmpty()) {
            problems.add(
                    required("organisation.name.ja", nameNode == null ? line : YamlDirectoryFormat.line(nameNode)));
        }
        String prefix = scalar(organisation, "caseNumberPrefix", problems, "organisation.caseNumberPrefix");
        if (prefix.isEmpty()) {
            problems.add(required("organisation.caseNumberPrefix", line));
        } else if (!CASE_NUMBER_PREFIX.matcher(prefix).matches()) {
            problems.add(error(
                    lineOf(organisation, "caseNumberPrefix"),
                    "organisation.caseNumberPrefix",
                    "事案番号の接頭辞 '" + prefix + "' は英大文字で始まる英大文字・数字 2〜10 文字にしてください（例: GIKAI）。",
                    "Case-number prefix '" + prefix + "' must be 2 to 10 upper-case letters or digits, starting with a"
                            + " letter (e.g. GIKAI)."));
        }
        String scheme = scalar(organisation, "classificationScheme", problems, "organisation.classificationScheme");
        if (scheme.isEmpty()) {
            scheme = OnboardingBundle.DEFAULT_SCHEME;
        } else if (!SCHEMES.contains(scheme)) {
            problems.add(error(
                    lineOf(organisation, "classificationScheme"),
                    "organisation.classificationScheme",
                    "分類体系 '" + scheme + "' はありません（" + String.join("、", SCHEMES) + "）。",
                    "There is no classification scheme '" + scheme + "' (" + String.join(", ", SCHEMES) + ")."));
        }
        Node contactNode = value(organisation, "contact");
        String contactJa = "";
        String contactEn = "";
        if (contactNode instanceof MappingNode contact) {
            for (NodeTuple tuple : contact.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                if (!Set.of("ja", "en").contains(key)) {
                    problems.add(
                            unknownKey("organisation.contact." + key, YamlDirectoryFormat.line(tuple.getKeyNode())));
                }
            }
            contactJa = scalar(contact, "ja", problems, "organisation.contact.ja");
            contactEn = scalar(contact, "en", problems, "organisation.contact.en");
        } else if (contactNode != null) {
            problems.add(error(
                    YamlDirectoryFormat.line(contactNode),
                    "organisation.contact",
                    "organisation.contact は {ja, en} の対応表にしてください。",
                    "organisation.contact must be a mapping {ja, en}."));
        }
        int contactLine = contactNode == null ? line : YamlDirectoryFormat.line(contactNode);
        if (contactJa.isEmpty()) {
            problems.add(required("organisation.contact.ja", contactLine));
        }
        if (contactEn.isEmpty()) {
            problems.add(required("organisation.contact.en", contactLine));
        }
        List<String> publicContacts = new ArrayList<>();
        Node contactsNode = value(organisation, "publicContacts");
        if (contactsNode instanceof SequenceNode list) {
            int index = 0;
            for (Node item : list.getValue()) {
                String field = "organisation.publicContacts[" + index++ + "]";
                if (item instanceof ScalarNode s
                        && !s.getValue().isBlank()
                        && s.getValue().length() <= MAX_TEXT) {
                    publicContacts.add(s.getValue().trim());
                } else {
                    problems.add(error(
                            YamlDirectoryFormat.line(item),
                            field,
                            field + " は " + MAX_TEXT + " 文字までの空でない文字列にしてください。",
                            field + " must be a non-empty text of at most " + MAX_TEXT + " characters."));
                }
            }
        } else if (contactsNode != null
                && !(contactsNode instanceof ScalarNode s && s.getValue().isEmpty())) {
            problems.add(error(
                    YamlDirectoryFormat.line(contactsNode),
                    "organisation.publicContacts",
                    "organisation.publicContacts は一覧にしてください。",
                    "organisation.publicContacts must be a list."));
        }
        return new Profile(
                line,
                code,
                nameJa,
                nameEn,
                prefix,
                lineOf(organisation, "caseNumberPrefix"),
                scheme,
                contactJa,
                contactEn,
                List.copyOf(publicContacts));
    }

    private static ChainDocument chain(String text, List<FieldProblem> problems) {
        try {
            ChainDocument chain = YAML.readValue(text, ChainOnly.class).chain();
            if (chain == null) {
                problems.add(required("chain", 1));
            }
            return chain;
        } catch (JsonMappingException e) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference reference : e.getPath()) {
                if (reference.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            problems.add(
                    e instanceof UnrecognizedPropertyException unknown
                            ? unknownKey(field.toString(), line)
                            : error(
                                    line,
                                    field.toString(),
                                    field + " の値が正しくありません: " + e.getOriginalMessage(),
                                    field + " has an invalid value: " + e.getOriginalMessage()));
            return null;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            problems.add(error(line, "chain", "報告経路を読めません。", "The chain is not readable."));
            return null;
        }
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static int lineOf(MappingNode mapping, String key) {
        Node node = value(mapping, key);
        return node == null ? YamlDirectoryFormat.line(mapping) : YamlDirectoryFormat.line(node);
    }

    /** The trimmed text of a scalar value; "" when absent; a problem when it is not a single value. */
    private static String scalar(MappingNode mapping, String key, List<FieldProblem> problems, String field) {
        Node node = value(mapping, key);
        if (node == null) {
            return "";
        }
        if (node instanceof ScalarNode s) {
            String text = s.getValue().trim();
            if (text.length() > MAX_TEXT) {
                problems.add(error(
                        YamlDirectoryFormat.line(node),
                        field,
                        field + " は " + MAX_TEXT + " 文字までです。",
                        field + " is at most " + MAX_TEXT + " characters."));
            }
            return text;
        }
        problems.add(error(
                YamlDirectoryFormat.line(node), field, field + " は一つの値にしてください。", field + " must be a single value."));
        return "";
    }

    private static FieldProblem required(String field, int line) {
        return error(line, field, field + " は必須です。", field + " is required.");
    }

    private static FieldProblem unknownKey(String field, int line) {
        return error(line, field, "不明な項目 " + field + " があります。", "Unknown key " + field + ".");
    }

    private static FieldProblem error(int line, String field, String ja, String en) {
        return new FieldProblem(field, line, Message.text(ja, en));
    }
}
