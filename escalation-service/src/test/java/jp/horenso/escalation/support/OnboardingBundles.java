package jp.horenso.escalation.support;

/** Onboarding bundles for tests, in the shape of a seed file. */
public final class OnboardingBundles {

    private OnboardingBundles() {}

    /** A small council-like organisation; line numbers matter to the tests below. */
    public static String town(String code, String prefix) {
        return """
                organisation:
                  code: %s
                  name: {ja: 試験町議会, en: Test Town Council}
                  caseNumberPrefix: %s
                  contact: {ja: 試験町議会事務局 0000-00-0000, en: "Test Town Council Secretariat, 0000-00-0000"}
                  publicContacts: [0000-00-0000, council@test-town.example.jp]
                units:
                  - {code: sec, kind: DEPARTMENT, name: {ja: 議会事務局, en: Secretariat}}
                  - {code: gen, kind: SECTION, parent: sec, name: {ja: 総務係}}
                people:
                  - {username: %s-staff, name: 職員 一, email: staff@test-town.example.jp, unit: gen}
                  - {username: %s-chief, name: 係長 一, email: chief@test-town.example.jp, unit: gen}
                  - {username: %s-head, name: 事務局長 一, email: head@test-town.example.jp, unit: sec}
                  - {username: %s-chair, name: 議長 一, email: chair@test-town.example.jp}
                positions:
                  - {position: SECTION_CHIEF, unit: gen, holder: %s-chief}
                  - {position: DEPARTMENT_HEAD, unit: sec, holder: %s-head}
                  - {position: CISO, holder: %s-chair}
                chain:
                  outsideBodies:
                    - {id: pref, name: {ja: 試験県}, email: pref@test-pref.example.jp, locale: ja}
                  start:
                    - {steps: [section-chief]}
                  steps:
                    - {id: section-chief, position: SECTION_CHIEF, ackWithin: PT1H, onAcknowledge: [pref], onTimeout: [head]}
                    - {id: head, position: DEPARTMENT_HEAD, ackWithin: PT1H, onTimeout: [chair]}
                    - {id: chair, position: CISO, ackWithin: PT1H, onTimeout: []}
                    - {id: pref, outsideBody: pref}
                """.formatted(code, prefix, code, code, code, code, code, code, code);
    }
}
