package jp.horenso.incident.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The vendor or citizen a staff member received a report from (第43条1項: 業者、市民等). Personal data: shown on
 * the case to those who may see it, never in events, on the timeline or in exports.
 *
 * @param organisation the informant's company or body, if any
 * @param contact how to reach them (phone, e-mail, address)
 * @param channel how the report came in
 */
public record Informant(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String organisation,
        @NotBlank @Size(max = 500) String contact,
        @NotNull Channel channel) {

    /** How a report on behalf of someone came in. */
    public enum Channel {
        /** 電話. */
        PHONE,
        /** 窓口. */
        COUNTER,
        /** 郵便・メール. */
        MAIL,
        /** ウェブフォーム. */
        WEB_FORM
    }
}
