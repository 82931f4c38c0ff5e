package jp.horenso.incident.communication;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * Something the city told people outside the CSIRT about a case (第44条3項): a notice to the persons concerned
 * (本人への連絡), information to citizens (市民等への情報提供) or a report to an outside body. A recorded fact, never
 * changed afterwards.
 */
@Entity
@Immutable
@Table(name = "communication")
public class Communication {

    /** The three kinds of outside communication. */
    public enum Kind {
        /** 本人への連絡 (regulatory.md R1: 本人通知). */
        NOTICE_TO_PERSONS("本人への連絡", "Notice to the persons concerned"),
        /** 市民等への情報提供. */
        INFORMATION_TO_CITIZENS("市民等への情報提供", "Information to citizens"),
        /** 外部機関への報告. */
        REPORT_TO_OUTSIDE_BODY("外部機関への報告", "Report to an outside body");

        public final String ja;
        public final String en;

        Kind(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }
    }

    /** The outside bodies a municipality reports to; OTHER needs the body's name. */
    public enum Recipient {
        PREFECTURE("都道府県", "Prefecture"),
        MIC("総務省", "Ministry of Internal Affairs and Communications"),
        PPC("個人情報保護委員会", "Personal Information Protection Commission"),
        POLICE("警察", "Police"),
        NISC("国家サイバー統括室（旧NISC）", "National Cybersecurity Office (formerly NISC)"),
        J_LIS("地方公共団体情報システム機構（J-LIS）", "J-LIS"),
        IPA("情報処理推進機構（IPA）", "Information-technology Promotion Agency (IPA)"),
        JPCERT_CC("JPCERT/CC", "JPCERT/CC"),
        OTHER("その他", "Other");

        public final String ja;
        public final String en;

        Recipient(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }
    }

    /** How it was communicated. */
    public enum Method {
        LETTER("郵送", "Letter"),
        EMAIL("電子メール", "E-mail"),
        PHONE("電話", "Telephone"),
        IN_PERSON("面談・訪問", "In person"),
        FAX("FAX", "Fax"),
        ONLINE_FORM("報告フォーム", "Online form"),
        WEBSITE("ホームページ", "Website"),
        SNS("SNS", "Social media"),
        NEWSLETTER("広報紙", "Newsletter"),
        OTHER("その他", "Other");

        public final String ja;
        public final String en;

        Method(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }
    }

    @Id
    private UUID id;

    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    /** For a report to an outside body: which body. */
    @Enumerated(EnumType.STRING)
    private Recipient recipient;

    /** The body's name for OTHER, or the office addressed (e.g. 県 デジタル推進課). */
    @Column(name = "recipient_name")
    private String recipientName;

    /** For a notice to persons: how many persons were told. */
    private Integer persons;

    @Enumerated(EnumType.STRING)
    private Method method;

    /** When it was communicated (given by the person recording it). */
    @Column(name = "communicated_at", nullable = false)
    private OffsetDateTime communicatedAt;

    /** The recipient's receipt number, the letter's file number, the web page's address … */
    private String reference;

    /** What was said, in short. */
    private String summary;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected Communication() {
        // for JPA
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public Kind kind() {
        return kind;
    }

    public Recipient recipient() {
        return recipient;
    }

    public String recipientName() {
        return recipientName;
    }

    public Integer persons() {
        return persons;
    }

    public Method method() {
        return method;
    }

    public OffsetDateTime communicatedAt() {
        return communicatedAt;
    }

    public String reference() {
        return reference;
    }

    public String summary() {
        return summary;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public OffsetDateTime recordedAt() {
        return recordedAt;
    }

    /** A communication recorded by {@code recordedBy}; written once. */
    public static Communication recorded(
            UUID incidentId,
            Kind kind,
            Recipient recipient,
            String recipientName,
            Integer persons,
            Method method,
            OffsetDateTime communicatedAt,
            String reference,
            String summary,
            String recordedBy,
            OffsetDateTime recordedAt) {
        Communication c = new Communication();
        c.id = UUID.randomUUID();
        c.incidentId = incidentId;
        c.kind = kind;
        c.recipient = recipient;
        c.recipientName = recipientName;
        c.persons = persons;
        c.method = method;
        c.communicatedAt = communicatedAt;
        c.reference = reference;
        c.summary = summary;
        c.recordedBy = recordedBy;
        c.recordedAt = recordedAt;
        return c;
    }
}
