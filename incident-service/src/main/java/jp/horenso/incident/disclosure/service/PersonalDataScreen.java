package jp.horenso.incident.disclosure.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in a text meant for publication (第43条5項: what is published never contains personal data):
 * names, addresses, phone numbers, e-mail addresses and the like written anywhere in the case, and generic patterns
 * (12-digit My Number, phone number, e-mail address, postal code, street address) even when the case does not hold
 * them. The organisation's own public contact details (configuration) may appear. Conservative on purpose: a false
 * alarm costs a rewording, a miss costs a leak.
 */
@ApplicationScoped
public class PersonalDataScreen {

    /** Kinds of personal data the screen recognises. */
    public enum Kind {
        NAME,
        ADDRESS,
        POSTAL_CODE,
        PHONE,
        EMAIL,
        MY_NUMBER,
        CONTACT
    }

    /**
     * A text held in the case, e.g. its description.
     *
     * @param field where it is held: {@code description}, {@code cause}, {@code responseAction}, …
     * @param held when the whole text is itself personal data of this kind (an informant's name or contact, 第43条1項),
     *     else null
     */
    public record Source(String field, String text, Kind held) {

        public Source(String field, String text) {
            this(field, text, null);
        }
    }

    /**
     * Personal data found in a text meant for publication.
     *
     * @param field the field of the text, e.g. {@code bodyJa}
     * @param text what was found (a My Number masked but for its last four digits)
     * @param source where the case holds it, or null when only its pattern gave it away
     */
    public record Finding(String field, Kind kind, String text, String source) {}

    /** Personal data held in the case; a literal item is matched as written (case aside), never by its ending. */
    private record Item(Kind kind, String key, String source, boolean literal) {

        Item(Kind kind, String key, String source) {
            this(kind, key, source, false);
        }
    }

    private record Match(Kind kind, int start, int end, String text) {}

    private static final String HAN = "\\p{IsHan}々〆ヶ";
    private static final String KANA = "\\p{IsKatakana}ー";
    private static final String KANJI_NUMBER = "一二三四五六七八九十〇";

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    private static final Pattern MY_NUMBER = Pattern.compile("(?<![0-9])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9+-])(?:\\+81[ -]?(?:\\(0\\))?|0)[0-9]{1,4}[ -]?\\(?[0-9]{1,4}\\)?[ -]?[0-9]{4}(?![0-9])");
    private static final Pattern POSTAL_CODE =
            Pattern.compile("〒 ?[0-9]{3}-?[0-9]{4}(?![0-9])|(?<![0-9-])[0-9]{3}-[0-9]{4}(?![0-9-])");
    /** Prefecture (optional), municipality, district and a house number: デモ市本町1丁目2番3号, 鹿沼市今宮町1688-1. */
    private static final Pattern ADDRESS =
            Pattern.compile("(?:[" + HAN + "]{2,3}[都道府県])?[" + HAN + KANA + "]{1,6}?[市区町村郡](?!分|内|外|民|長|役所|議会|立)"
                    + "[" + HAN + KANA + "\\p{IsHiragana}&&[^第のはをにでともへや]]{0,12}?"
                    + "(?:[0-9]+|[" + KANJI_NUMBER + "]+)(?:丁目|番地|番|号|-[0-9]+)"
                    + "(?:[0-9]+(?:番地|番|号)?|-[0-9]+)*");
    /** A labelled address in the case: 住所: … up to the next separator. */
    private static final Pattern LABELLED_ADDRESS = Pattern.compile("(?:住所|所在地|居所) ?: ?([^ 、。,;()「」]{4,40})");
    /** A name before an honorific: 山田太郎様, 山田 太郎さん. */
    private static final Pattern HONORIFIC_NAME = Pattern.compile(
            "([" + HAN + KANA + "]{2,6}|[" + HAN + "]{1,4} [" + HAN + KANA + "\\p{IsHiragana}]{1,5})(?:様|さん|氏(?!名)|殿)");
    /** A labelled name (after normalising, every colon is ':'): 氏名: 山田太郎. */
    private static final Pattern LABELLED_NAME =
            Pattern.compile("(?:氏名|名前|お名前|被害者|申出者|相談者|通報者) ?: ?([" + HAN + KANA + "]{1,5} ?[" + HAN + KANA + "]{1,5})");

    private static final Pattern LATIN_NAME = Pattern.compile("(?:Mr|Ms|Mrs|Dr)\\.? ([A-Z][a-z]+(?: [A-Z][a-z]+)?)");
    private static final Pattern NUMBER_RUN = Pattern.compile("[0-9][0-9 ()-]*[0-9]");
    /** Words before an honorific that name a role, not a person (担当者様, 市民の皆様, 委託先様). */
    private static final Pattern NOT_A_NAME = Pattern.compile(".*[者員長民先方社課部局所係会皆各位客]");

    /** What the organisation's own public contacts look like to the screen: allowed in a published text. */
    private static Set<String> publicContactKeys(List<String> publicContacts) {
        Set<String> keys = new HashSet<>();
        for (String contact : publicContacts) {
            String text = normalise(contact);
            keys.add(compact(text));
            for (Match m : patterns(text)) {
                keys.add(key(m.kind(), m.text()));
            }
        }
        return keys;
    }

    /**
     * Screens each field of a text meant for publication against the personal data held in the case.
     *
     * @param published field name → text, in the order the fields should be reported
     * @param publicContacts the organisation's own public contact details (its profile, OrganisationOnboarded): a
     *     published text may contain these; any other phone number, address or e-mail address is refused
     */
    public List<Finding> screen(Map<String, String> published, List<Source> caseTexts, List<String> publicContacts) {
        Set<String> publicContactKeys = publicContactKeys(publicContacts);
        Map<String, Item> held = new LinkedHashMap<>();
        for (Source s : caseTexts) {
            if (s.text() != null) {
                List<Item> items = heldIn(s.field(), normalise(s.text()));
                // A contact that is a phone number, e-mail or address is already held through its pattern.
                if (s.held() != null
                        && !s.text().isBlank()
                        && (s.held() == Kind.NAME
                                || patterns(normalise(s.text())).isEmpty())) {
                    items.add(0, heldAsWritten(s));
                }
                for (Item item : items) {
                    held.putIfAbsent(item.kind() + ":" + item.key(), item);
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        published.forEach((field, raw) -> {
            if (raw == null || raw.isBlank()) {
                return;
            }
            String text = normalise(raw);
            Set<String> reported = new HashSet<>();
            for (Match m : patterns(text)) {
                String key = key(m.kind(), m.text());
                if (publicContactKeys.contains(key) || !reported.add(m.kind() + ":" + key)) {
                    continue;
                }
                Item item = held.get(m.kind() + ":" + key);
                findings.add(
                        new Finding(field, m.kind(), shown(m.kind(), m.text()), item == null ? null : item.source()));
            }
            String compactText = compact(text);
            for (Item item : held.values()) {
                if (reported.contains(item.kind() + ":" + item.key()) || publicContactKeys.contains(item.key())) {
                    continue;
                }
                String found = item.literal()
                        ? literalIn(compactText, item.key())
                        : switch (item.kind()) {
                            case NAME -> nameIn(compactText, item.key());
                            case CONTACT -> literalIn(compactText, item.key());
                            case EMAIL -> compactText.toLowerCase(Locale.ROOT).contains(item.key()) ? item.key() : null;
                            case PHONE, MY_NUMBER, POSTAL_CODE -> numberIn(text, item.key());
                            case ADDRESS -> compactText.contains(item.key()) ? item.key() : null;
                        };
                if (found != null) {
                    reported.add(item.kind() + ":" + item.key());
                    findings.add(new Finding(field, item.kind(), shown(item.kind(), found), item.source()));
                }
            }
        });
        return findings;
    }

    /** Every pattern match in a normalised text; a span taken by an earlier kind is not matched again. */
    private static List<Match> patterns(String text) {
        List<Match> matches = new ArrayList<>();
        BitSet taken = new BitSet(text.length());
        collect(matches, taken, text, EMAIL, Kind.EMAIL, 0);
        collect(matches, taken, text, MY_NUMBER, Kind.MY_NUMBER, 0);
        collect(matches, taken, text, PHONE, Kind.PHONE, 0);
        collect(matches, taken, text, POSTAL_CODE, Kind.POSTAL_CODE, 0);
        collect(matches, taken, text, ADDRESS, Kind.ADDRESS, 0);
        matches.removeIf(m -> m.kind() == Kind.PHONE && !isPhoneNumber(m.text()));
        return matches;
    }

    private static void collect(List<Match> matches, BitSet taken, String text, Pattern pattern, Kind kind, int group) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start(group);
            int end = m.end(group);
            if (taken.get(start, end).isEmpty()) {
                taken.set(start, end);
                matches.add(new Match(kind, start, end, m.group(group)));
            }
        }
    }

    /** What a case text holds: every pattern, plus names and labelled addresses that only context reveals. */
    private static List<Item> heldIn(String field, String text) {
        List<Item> items = new ArrayList<>();
        for (Match m : patterns(text)) {
            items.add(new Item(m.kind(), key(m.kind(), m.text()), field));
        }
        Matcher address = LABELLED_ADDRESS.matcher(text);
        while (address.find()) {
            items.add(new Item(Kind.ADDRESS, compact(address.group(1)), field));
        }
        for (Pattern p : List.of(HONORIFIC_NAME, LABELLED_NAME, LATIN_NAME)) {
            Matcher name = p.matcher(text);
            while (name.find()) {
                String candidate = compact(name.group(1));
                if (!NOT_A_NAME.matcher(candidate).matches()) {
                    items.add(new Item(Kind.NAME, candidate, field));
                }
            }
        }
        return items;
    }

    /**
     * A held name in a text: the name itself or, since the words just before an honorific may run into the name
     * (住民山田太郎様), its ending of at least three characters (two for a two-character name).
     */
    private static String nameIn(String compactText, String name) {
        int shortest = Math.min(name.length(), 3);
        for (int from = 0; name.length() - from >= shortest; from++) {
            String tail = name.substring(from);
            if (compactText.contains(tail)) {
                return tail;
            }
        }
        return null;
    }

    /**
     * A whole text that is personal data (an informant's name or contact): a Japanese name is matched like any held
     * name, anything else as written, ignoring case and spaces.
     */
    private static Item heldAsWritten(Source s) {
        String key = compact(normalise(s.text()));
        boolean japaneseName = s.held() == Kind.NAME && !key.matches(".*[A-Za-z].*");
        return new Item(s.held(), key, s.field(), !japaneseName);
    }

    private static String literalIn(String compactText, String key) {
        return compactText.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT)) ? key : null;
    }

    /** A held number written in any layout: a run of digits and separators whose digits contain it. */
    private static String numberIn(String text, String digits) {
        Matcher run = NUMBER_RUN.matcher(text);
        while (run.find()) {
            if (digitsOf(run.group()).contains(digits)) {
                return run.group();
            }
        }
        return null;
    }

    /** Ten or eleven digits starting with 0 once the country code is read as 0. */
    private static boolean isPhoneNumber(String text) {
        String digits =
                text.startsWith("+81") ? "0" + digitsOf(text.substring(3)).replaceFirst("^0", "") : digitsOf(text);
        return digits.startsWith("0") && (digits.length() == 10 || digits.length() == 11);
    }

    private static String key(Kind kind, String text) {
        return switch (kind) {
            case PHONE ->
                text.startsWith("+81") ? "0" + digitsOf(text.substring(3)).replaceFirst("^0", "") : digitsOf(text);
            case MY_NUMBER, POSTAL_CODE -> digitsOf(text);
            case EMAIL -> text.toLowerCase(Locale.ROOT);
            default -> compact(text);
        };
    }

    private static String shown(Kind kind, String text) {
        if (kind == Kind.MY_NUMBER) {
            String digits = digitsOf(text);
            return "********" + digits.substring(digits.length() - 4);
        }
        return text;
    }

    /** Full-width letters, digits and spaces to their plain forms; dashes of every kind to '-'; spaces collapsed. */
    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = s.replaceAll("[\\u2010-\\u2015\\u2212\\uFE63\\uFF0D]", "-");
        return s.replaceAll("\\s+", " ");
    }

    private static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static String digitsOf(String text) {
        return text.replaceAll("[^0-9]", "");
    }
}
