package jp.horenso.incident.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The personal data a case involves; decides the legal duties of regulatory.md R1 and R2.
 *
 * @param persons number of persons affected (本人の数), null while unknown
 * @param stronglyEncrypted the data was protected by strong encryption (高度な暗号化), so R1 does not apply
 * @param allCopiesConfirmedDeletedUnread for a mis-sent mail (第78条): every copy confirmed deleted unread
 * @param heldInMyNumberSystems held in the information-provision network or systems for My Number use (R2-1)
 */
public record PersonalData(
        @NotNull @Size(max = 4) List<@NotNull PersonalDataKind> kinds,
        @Min(0) @Max(100_000_000) Integer persons,
        boolean stronglyEncrypted,
        boolean financialDamageRisk,
        boolean improperPurpose,
        boolean publiclyViewable,
        boolean heldInMyNumberSystems,
        Boolean allCopiesConfirmedDeletedUnread) {}
