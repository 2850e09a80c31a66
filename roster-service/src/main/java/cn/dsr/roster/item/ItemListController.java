package cn.dsr.roster.item;

import cn.dsr.platform.tenant.CurrentUser;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
public class ItemListController {

    private final ItemListService service;

    public ItemListController(ItemListService service) {
        this.service = service;
    }

    public record NewVersion(Integer year, Integer copyFromYear) {}

    public record Publication(String reason) {}

    @PostMapping("/api/roster/item-lists")
    public Mono<ResponseEntity<ItemList>> createDraft(@RequestBody NewVersion body) {
        return CurrentUser.current().flatMap(user -> service.createDraft(user, body.year(), body.copyFromYear()))
                .map(list -> ResponseEntity.created(URI.create("/api/roster/item-lists/" + list.id())).body(list));
    }

    @GetMapping("/api/roster/item-lists")
    public Flux<ItemList> list(@RequestParam(required = false) Integer year) {
        return CurrentUser.current().flatMapMany(user -> service.list(user, year));
    }

    @GetMapping("/api/roster/item-lists/{id}")
    public Mono<ItemList> get(@PathVariable UUID id) {
        return CurrentUser.current().flatMap(user -> service.get(user, id));
    }

    @PostMapping("/api/roster/item-lists/{id}/items")
    public Mono<ResponseEntity<CheckItem>> addItem(@PathVariable UUID id, @RequestBody ItemDraft body) {
        return CurrentUser.current().flatMap(user -> service.addItem(user, id, body))
                .map(item -> ResponseEntity.created(URI.create("/api/roster/item-lists/" + id + "/items/" + item.id())).body(item));
    }

    @PutMapping("/api/roster/item-lists/{id}/items/{itemId}")
    public Mono<CheckItem> updateItem(@PathVariable UUID id, @PathVariable UUID itemId, @RequestBody ItemDraft body) {
        return CurrentUser.current().flatMap(user -> service.updateItem(user, id, itemId, body));
    }

    @DeleteMapping("/api/roster/item-lists/{id}/items/{itemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> deleteItem(@PathVariable UUID id, @PathVariable UUID itemId) {
        return CurrentUser.current().flatMap(user -> service.deleteItem(user, id, itemId));
    }

    @PostMapping("/api/roster/item-lists/{id}/publish")
    public Mono<ItemList> publish(@PathVariable UUID id, @RequestBody(required = false) Publication body) {
        return CurrentUser.current().flatMap(user -> service.publish(user, id, body == null ? null : body.reason()));
    }

    /** Anonymous: the item list in force for a bureau and year (一公开: 检查事项). */
    @GetMapping("/public/roster/items/{tenant}/{year}")
    public Mono<ItemList> published(@PathVariable String tenant, @PathVariable int year) {
        return service.published(tenant, year, null);
    }

    /** Anonymous: an earlier published version, as plans of that time used it. */
    @GetMapping("/public/roster/items/{tenant}/{year}/versions/{version}")
    public Mono<ItemList> publishedVersion(@PathVariable String tenant, @PathVariable int year, @PathVariable int version) {
        return service.published(tenant, year, version);
    }
}
