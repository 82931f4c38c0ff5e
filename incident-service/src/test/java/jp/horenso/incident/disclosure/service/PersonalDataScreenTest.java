package jp.horenso.incident.disclosure.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.horenso.incident.disclosure.service.PersonalDataScreen.Finding;
import jp.horenso.incident.disclosure.service.PersonalDataScreen.Kind;
import jp.horenso.incident.disclosure.service.PersonalDataScreen.Source;
import org.junit.jupiter.api.Test;

/** The screen on its own: what counts as personal data in a text meant for publication, and what does not. */
class PersonalDataScreenTest {

    private final PersonalDataScreen screen = new PersonalDataScreen();

    /** The demo city's public contacts (its profile, OrganisationOnboarded.publicContacts). */
    private static final List<String> PUBLIC_CONTACTS =
            List.of("0289-00-0000", "〒322-0000 デモ市中央町1番1号", "csirt@demo-city.example.jp");

    private final List<Source> caseTexts = List.of(
            new Source("description", "住民の山田太郎様（住所: デモ市本町1丁目2番3号、電話 0289-12-3456）宛ての通知を誤送信した。" + "氏名：鈴木 一郎"),
            new Source("cause", "担当者様の確認不足。市民の皆様への説明が必要。Mr. John Smith から連絡。"));

    private List<Finding> findings(String text) {
        Map<String, String> published = new LinkedHashMap<>();
        published.put("bodyJa", text);
        return screen.screen(published, caseTexts, PUBLIC_CONTACTS);
    }

    private List<Kind> kinds(String text) {
        return findings(text).stream().map(Finding::kind).toList();
    }

    @Test
    void article43_5_namesHeldInTheCaseAreFoundHoweverTheyAreWritten() {
        assertEquals(List.of(new Finding("bodyJa", Kind.NAME, "山田太郎", "description")), findings("山田 太郎さんに送付"));
        assertEquals(List.of(Kind.NAME), kinds("鈴木一郎"));
        assertEquals(List.of(Kind.NAME), kinds("John Smith was told"));
    }

    @Test
    void article43_5_numbersAreFoundInFullWidthAndOtherLayouts() {
        assertEquals(
                List.of(new Finding("bodyJa", Kind.PHONE, "0289-12-3456", "description")), findings("電話 ０２８９－１２－３４５６"));
        assertEquals(List.of(Kind.PHONE), kinds("連絡先 090 1234 5678"));
        assertEquals(List.of(new Finding("bodyJa", Kind.MY_NUMBER, "********9012", null)), findings("番号 123456789012"));
        assertEquals(List.of(Kind.EMAIL), kinds("someone@example.org へ"));
        assertEquals(List.of(Kind.POSTAL_CODE, Kind.ADDRESS), kinds("〒100-0001 東京都千代田区千代田1-1"));
        assertEquals(List.of(Kind.ADDRESS), kinds("デモ市本町1丁目2番3号"));
    }

    @Test
    void ordinaryPublicTextAndTheCitysOwnContactsPass() {
        assertEquals(
                List.of(), findings("令和8年4月1日、デモ市において電子メールの誤送信が発生しました。" + "対象者は約150人です。市民の皆様にご迷惑をおかけしました。担当者様各位。"));
        assertEquals(List.of(), findings("事案番号 DEMO-2026-000042、2026-04-01 発生、情報区分2号の文書、デモ市役所3階"));
        assertEquals(List.of(), findings("問い合わせ: 0289-00-0000 csirt@demo-city.example.jp 〒322-0000 デモ市中央町1番1号"));
    }
}
