package jp.horenso.notification.recipient.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import jp.horenso.notification.recipient.RecipientSetting;
import jp.horenso.platform.security.Organisation;

/** Stores each person's quiet settings, by (organisation, username). */
@ApplicationScoped
public class RecipientSettingRepository implements PanacheRepositoryBase<RecipientSetting, RecipientSetting.Key> {

    /** The person's settings, if any were saved. */
    public Optional<RecipientSetting> findFor(Organisation organisation, String username) {
        return findByIdOptional(new RecipientSetting.Key(organisation, username));
    }
}
