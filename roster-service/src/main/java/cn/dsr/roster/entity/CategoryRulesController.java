package cn.dsr.roster.entity;

import cn.dsr.platform.refusal.Refused;
import cn.dsr.platform.tenant.CurrentUser;
import cn.dsr.roster.entity.EntityService.RulesAdopted;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's tenant's supervision-category rules, and the seed presets to start from. */
@RestController
@RequestMapping("/api/roster/category-rules")
public class CategoryRulesController {

    private final EntityService service;

    public CategoryRulesController(EntityService service) {
        this.service = service;
    }

    /** Either a preset's name or complete rules, and why the tenant adopts them. */
    public record AdoptBody(String preset, CategoryRules rules, String reason) {}

    @GetMapping
    public Mono<CategoryRules> current() {
        return CurrentUser.current().flatMap(service::rules);
    }

    @GetMapping("/presets")
    public List<CategoryRules> presets() {
        return CategoryPresets.all();
    }

    @PutMapping
    public Mono<RulesAdopted> adopt(@RequestBody AdoptBody body) {
        CategoryRules rules;
        if (body.preset() != null) {
            if (body.rules() != null) throw Refused.invalid("preset", "give a preset or rules, not both");
            rules = CategoryPresets.named(body.preset())
                    .orElseThrow(() -> Refused.invalid("preset", "unknown preset; one of " + CategoryPresets.all().stream().map(CategoryRules::name).toList()));
        } else if (body.rules() != null) {
            rules = body.rules();
        } else {
            throw Refused.invalid("rules", "give a preset or rules");
        }
        return CurrentUser.current().flatMap(user -> service.adopt(user, rules, body.reason()));
    }
}
