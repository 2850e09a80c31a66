package cn.dsr.inspection.settings;

import cn.dsr.inspection.settings.SettingsService.SettingsView;
import cn.dsr.platform.tenant.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/inspection/settings")
public class SettingsController {

    private final SettingsService service;

    public SettingsController(SettingsService service) {
        this.service = service;
    }

    public record SettingsBody(Integer recordDueWorkingDays, Integer rectificationMonths) {
        TenantSettings settings() {
            return new TenantSettings(recordDueWorkingDays == null ? TenantSettings.DEFAULT.recordDueWorkingDays() : recordDueWorkingDays,
                    rectificationMonths == null ? TenantSettings.DEFAULT.rectificationMonths() : rectificationMonths);
        }
    }

    @GetMapping
    public Mono<SettingsView> get(@RequestParam(required = false) String tenant) {
        return CurrentUser.current().flatMap(user -> service.get(user, tenant));
    }

    /** Omitted values fall back to the defaults: 20 working days, 3 months. */
    @PutMapping
    public Mono<SettingsView> set(@RequestParam(required = false) String tenant, @RequestBody SettingsBody body) {
        return CurrentUser.current().flatMap(user -> service.set(user, tenant, body.settings()));
    }
}
