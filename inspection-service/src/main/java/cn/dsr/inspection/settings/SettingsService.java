package cn.dsr.inspection.settings;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.platform.tenant.Roles;
import cn.dsr.platform.tenant.TenantTx;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Each bureau's deadlines; a bureau that set none works to {@link TenantSettings#DEFAULT}. */
@Service
public class SettingsService {

    private final TenantTx tx;

    public SettingsService(TenantTx tx) {
        this.tx = tx;
    }

    public record SettingsView(String tenant, int recordDueWorkingDays, int rectificationMonths, boolean isDefault) {}

    /** The settings of a tenant, read inside the caller's transaction. */
    public Mono<TenantSettings> of(DatabaseClient db, String tenant) {
        return db.sql("SELECT record_due_working_days, rectification_months FROM tenant_settings WHERE tenant = :tenant")
                .bind("tenant", tenant)
                .map(row -> new TenantSettings(row.get("record_due_working_days", Integer.class), row.get("rectification_months", Integer.class)))
                .one()
                .defaultIfEmpty(TenantSettings.DEFAULT);
    }

    /** The settings of every tenant the transaction sees; tenants missing from the map use the default. */
    public Mono<Map<String, TenantSettings>> all(DatabaseClient db) {
        return db.sql("SELECT tenant, record_due_working_days, rectification_months FROM tenant_settings")
                .map(row -> Map.entry(row.get("tenant", String.class),
                        new TenantSettings(row.get("record_due_working_days", Integer.class), row.get("rectification_months", Integer.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    public Mono<SettingsView> get(CurrentUser user, String tenant) {
        String target = target(user, tenant);
        return tx.inTenants(user.visibleTenants(), db -> db.sql("SELECT 1 FROM tenant_settings WHERE tenant = :tenant")
                .bind("tenant", target).fetch().first().hasElement()
                .zipWith(of(db, target), (set, settings) -> view(target, settings, !set)));
    }

    /** The district head sets the district's deadlines; the city coordinator may set any of its districts'. */
    public Mono<SettingsView> set(CurrentUser user, String tenant, TenantSettings settings) {
        String target = target(user, tenant);
        boolean head = user.hasRole(Roles.DISTRICT_HEAD) && target.equals(user.tenant());
        if (!head && !user.hasRole(Roles.CITY_COORDINATOR)) {
            throw Refused.forbidden("a tenant's deadlines are set by its district head or the city coordinator");
        }
        Refused.unless(settings.problems());
        return tx.inTenants(user.visibleTenants(), db -> db.sql("""
                        INSERT INTO tenant_settings (tenant, record_due_working_days, rectification_months, updated_by)
                        VALUES (:tenant, :days, :months, :by)
                        ON CONFLICT (tenant) DO UPDATE SET record_due_working_days = EXCLUDED.record_due_working_days,
                            rectification_months = EXCLUDED.rectification_months, updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .bind("tenant", target).bind("days", settings.recordDueWorkingDays())
                .bind("months", settings.rectificationMonths()).bind("by", user.username())
                .then().thenReturn(view(target, settings, false)));
    }

    /** The tenant a request is about: the caller's own unless a city names one of its districts. */
    private static String target(CurrentUser user, String tenant) {
        if (tenant == null || tenant.equals(user.tenant())) return user.tenant();
        boolean visible = user.visibleTenants().stream()
                .anyMatch(scope -> scope.endsWith("*") && tenant.matches("[0-9]{6}") && tenant.startsWith(scope.substring(0, scope.length() - 1)));
        if (!visible) throw Refused.forbidden("tenant " + tenant + " is not one this caller acts for");
        return tenant;
    }

    private static SettingsView view(String tenant, TenantSettings settings, boolean isDefault) {
        return new SettingsView(tenant, settings.recordDueWorkingDays(), settings.rectificationMonths(), isDefault);
    }
}
