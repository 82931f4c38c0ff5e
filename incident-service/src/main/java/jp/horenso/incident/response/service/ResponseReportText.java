package jp.horenso.incident.response.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import jp.horenso.incident.cases.Incident;
import jp.horenso.incident.common.time.JapanTime;
import jp.horenso.incident.communication.Communication;
import jp.horenso.incident.communication.service.CommunicationService;
import jp.horenso.incident.response.ResponseAction;

/**
 * Writes what the response record says in the words of the commission report (regulatory.md R1): item 6
 * 本人への対応の実施状況 from the notices to persons, item 8 再発防止のための措置 from the recurrence-prevention actions.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ResponseReportText {

    private static final ZoneId JAPAN = JapanTime.ZONE;
    private static final DateTimeFormatter JAPANESE_TIME =
            DateTimeFormatter.ofPattern("yyyy年M月d日 H時mm分").withZone(JAPAN);
    private static final DateTimeFormatter JAPANESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ResponseActionService actions;
    private final CommunicationService communications;

    public ResponseReportText(ResponseActionService actions, CommunicationService communications) {
        this.actions = actions;
        this.communications = communications;
    }

    /** Item 6: who was told, how and when; null while no notice to persons is recorded. */
    public String responseToPersons(Incident c) {
        List<Communication> notices = communications.noticesToPersons(c.id());
        if (notices.isEmpty()) {
            return null;
        }
        long told = notices.stream().mapToLong(n -> n.persons()).sum();
        Integer affected = c.personalData() == null ? null : c.personalData().persons();
        return "計" + told + "人に連絡済み" + (affected == null ? "" : "（本人の数: " + affected + "人）") + "。"
                + notices.stream().map(ResponseReportText::notice).collect(Collectors.joining("、"));
    }

    /** Item 8: each measure with its owner, due date and status; null while none is recorded. */
    public String recurrencePrevention(Incident c) {
        List<ResponseAction> measures = actions.recurrencePrevention(c.id());
        if (measures.isEmpty()) {
            return null;
        }
        return measures.stream().map(ResponseReportText::measure).collect(Collectors.joining("\n"));
    }

    private static String notice(Communication n) {
        return JAPANESE_TIME.format(n.communicatedAt()) + " " + n.method().ja + "により" + n.persons() + "人"
                + (n.reference() == null ? "" : "（" + n.reference() + "）");
    }

    private static String measure(ResponseAction a) {
        String owner = a.ownerUnit() != null ? a.ownerUnit() : a.ownerPerson();
        String due = a.dueDate() == null ? "未定" : JAPANESE_DATE.format(a.dueDate());
        return "・" + a.description() + "（担当: " + owner + "、期限: " + due + "、状況: " + japanese(a.status()) + "）";
    }

    private static String japanese(ResponseAction.Status status) {
        return switch (status) {
            case PLANNED -> "予定";
            case IN_PROGRESS -> "実施中";
            case DONE -> "実施済み";
            case CANCELLED -> "中止";
        };
    }
}
