package jp.horenso.notification.recipient.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jp.horenso.notification.recipient.RecipientSetting;

/** Stores each person's quiet settings. */
@ApplicationScoped
public class RecipientSettingRepository implements PanacheRepositoryBase<RecipientSetting, String> {}
