import Foundation
import Hummingbird
import NashraCore

/// Sections, tags and authors (editors and admins).
struct TaxonomyController<Store: ContentStore & NewsroomStore>: Sendable {
    let newsroom: Newsroom<Store>

    var store: Store { newsroom.store }

    func register(on routes: NewsroomRoutes) {
        routes.get(AdminRoutes.sections, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await sectionsPage(signedIn, flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.sections, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await saveSection(request, context, signedIn)
        }
        routes.get(AdminRoutes.tags, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await tagsPage(
                page: Newsroom<Store>.page(request.query["page"]), signedIn,
                flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.tags, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await saveTag(request, context, signedIn)
        }
        routes.get(AdminRoutes.authors, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await authorsPage(signedIn, flash: Newsroom<Store>.flash(request, "admin_saved"))
        }
        routes.post(AdminRoutes.authors, allowed: \.managesTaxonomy) { request, context, signedIn in
            try await saveAuthor(request, context, signedIn)
        }
    }

    // MARK: - Sections

    struct SectionsContent {
        struct Row {
            let id: Int64
            let name: String
            let slug: String
            let description: String
            let position: Int
            let parents: [Option]
            let url: String
            let errors: FormErrors
        }

        let rows: [Row]
        let new: Row
    }

    func sectionsPage(
        _ signedIn: SignedIn, flash: String?, failed: (id: Int64?, fields: FormFields, errors: FormErrors)? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let sections = try await store.sections()
        func parents(excluding id: Int64?, selected: Int64?) -> [Option] {
            [Option(value: "", label: localizer.text("admin_no_parent"), selected: selected == nil)]
                + sections.filter { $0.id != id && $0.parentID == nil }.map {
                    Option(value: String($0.id), label: $0.name, selected: $0.id == selected)
                }
        }
        func row(_ id: Int64?, _ section: Section?) -> SectionsContent.Row {
            let typed = failed.flatMap { $0.id == id ? $0.fields : nil }
            return SectionsContent.Row(
                id: id ?? 0, name: typed?["name"] ?? section?.name ?? "", slug: typed?["slug"] ?? section?.slug ?? "",
                description: typed?["description"] ?? section?.description ?? "",
                position: typed?["position"].flatMap { Int($0) } ?? section?.position ?? 0,
                parents: parents(
                    excluding: id, selected: typed.map { $0["parent"].flatMap { Int64($0) } } ?? section?.parentID),
                url: section.map { newsroom.site.urls.section($0.slug) } ?? "",
                errors: failed.flatMap { $0.id == id ? $0.errors : nil } ?? FormErrors())
        }
        let content = SectionsContent(
            rows: sections.map { row($0.id, $0) },
            new: row(nil, nil))
        return try await newsroom.render(
            content, template: .adminSections, title: localizer.text("admin_nav_sections"), signedIn: signedIn,
            current: "sections", status: failed == nil ? .ok : .unprocessableContent, flash: flash)
    }

    func saveSection(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws
        -> Response
    {
        let fields = try await newsroom.form(request, context, signedIn)
        let localizer = try await newsroom.localizer()
        let id = fields["id"].flatMap { Int64($0) }
        var errors = FormErrors()
        do {
            let name = try TaxonomyRules.name(fields["name"] ?? "", max: TaxonomyRules.maxSectionName)
            let section = NewSection(
                slug: try TaxonomyRules.slug(fields["slug"] ?? "", name: name), name: name,
                description: try TaxonomyRules.text(
                    fields["description"] ?? "", max: TaxonomyRules.maxDescription, field: "description"),
                position: try TaxonomyRules.position(fields["position"]),
                parentID: fields["parent"].flatMap { Int64($0) })
            if let id {
                _ = try await store.updateSection(id: id, section)
            } else {
                _ = try await store.createSection(section)
            }
            await newsroom.site.wrote()
            return newsroom.redirect(AdminRoutes.sections.path(query: [("done", "1")]))
        } catch let error as ValidationError {
            errors.add(error.field, newsroom.message(for: error, localizer))
        }
        return try await sectionsPage(signedIn, flash: nil, failed: (id, fields, errors))
    }

    // MARK: - Tags

    struct TagsContent {
        struct Row {
            let id: Int64
            let name: String
            let slug: String
            let uses: String
            let url: String
            let errors: FormErrors
        }

        let rows: [Row]
        /// Sent back by each form, so a save returns to the same page.
        let page: Int
        let pagination: Pagination?
    }

    func tagsPage(
        page: PageNumber, _ signedIn: SignedIn, flash: String?,
        failed: (id: Int64, fields: FormFields, errors: FormErrors)? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        let usage = try await store.tagUsage(limit: 100, offset: page.offset(pageSize: 100))
        try page.requireExists(itemsOnPage: usage.items.count)
        let rows = usage.items.map { item in
            let typed = failed.flatMap { $0.id == item.tag.id ? $0.fields : nil }
            return TagsContent.Row(
                id: item.tag.id, name: typed?["name"] ?? item.tag.name, slug: typed?["slug"] ?? item.tag.slug,
                uses: localizer.plural("admin_article_count", item.articles),
                url: newsroom.site.urls.tag(item.tag.slug),
                errors: failed.flatMap { $0.id == item.tag.id ? $0.errors : nil } ?? FormErrors())
        }
        let content = TagsContent(
            rows: rows, page: page.value,
            pagination: Pagination(
                current: page, total: usage.total, pageSize: 100, localizer: localizer,
                url: { AdminRoutes.tags.path(query: [("page", String($0))]) })
        )
        return try await newsroom.render(
            content, template: .adminTags, title: localizer.text("admin_nav_tags"), signedIn: signedIn,
            current: "tags", status: failed == nil ? .ok : .unprocessableContent, flash: flash)
    }

    func saveTag(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws -> Response {
        let fields = try await newsroom.form(request, context, signedIn)
        guard let id = fields["id"].flatMap({ Int64($0) }) else { throw HTTPError(.badRequest) }
        let page = Newsroom<Store>.page(fields["page"])
        if fields["delete"] != nil {
            try await store.deleteTag(id: id)
            await newsroom.site.wrote()
            return newsroom.redirect(AdminRoutes.tags.path(query: [("page", String(page.value)), ("done", "1")]))
        }
        let localizer = try await newsroom.localizer()
        var errors = FormErrors()
        do {
            let name = try TaxonomyRules.name(fields["name"] ?? "", max: TaxonomyRules.maxTagName)
            _ = try await store.renameTag(
                id: id, name: name, slug: try TaxonomyRules.slug(fields["slug"] ?? "", name: name))
            await newsroom.site.wrote()
            return newsroom.redirect(AdminRoutes.tags.path(query: [("page", String(page.value)), ("done", "1")]))
        } catch let error as ValidationError {
            errors.add(error.field, newsroom.message(for: error, localizer))
        }
        return try await tagsPage(page: page, signedIn, flash: nil, failed: (id, fields, errors))
    }

    // MARK: - Authors

    struct AuthorsContent {
        struct Row {
            let id: Int64
            let name: String
            let slug: String
            let bio: String
            let url: String
            let errors: FormErrors
        }

        let rows: [Row]
        let new: Row
    }

    func authorsPage(
        _ signedIn: SignedIn, flash: String?, failed: (id: Int64?, fields: FormFields, errors: FormErrors)? = nil
    ) async throws -> Response {
        let localizer = try await newsroom.localizer()
        func row(_ id: Int64?, _ author: Author?) -> AuthorsContent.Row {
            let typed = failed.flatMap { $0.id == id ? $0.fields : nil }
            return AuthorsContent.Row(
                id: id ?? 0, name: typed?["name"] ?? author?.name ?? "", slug: typed?["slug"] ?? author?.slug ?? "",
                bio: typed?["bio"] ?? author?.bio ?? "", url: author.map { newsroom.site.urls.author($0.slug) } ?? "",
                errors: failed.flatMap { $0.id == id ? $0.errors : nil } ?? FormErrors())
        }
        let content = AuthorsContent(
            rows: try await store.allAuthors().map { row($0.id, $0) }, new: row(nil, nil))
        return try await newsroom.render(
            content, template: .adminAuthors, title: localizer.text("admin_nav_authors"), signedIn: signedIn,
            current: "authors", status: failed == nil ? .ok : .unprocessableContent, flash: flash)
    }

    func saveAuthor(_ request: Request, _ context: NashraRequestContext, _ signedIn: SignedIn) async throws
        -> Response
    {
        let fields = try await newsroom.form(request, context, signedIn)
        let localizer = try await newsroom.localizer()
        let id = fields["id"].flatMap { Int64($0) }
        var errors = FormErrors()
        do {
            let name = try TaxonomyRules.name(fields["name"] ?? "", max: TaxonomyRules.maxAuthorName)
            let slug = try TaxonomyRules.slug(fields["slug"] ?? "", name: name)
            let bio = try TaxonomyRules.text(fields["bio"] ?? "", max: TaxonomyRules.maxBio, field: "bio")
            if let id {
                _ = try await store.updateAuthor(id: id, name: name, slug: slug, bio: bio)
            } else {
                _ = try await store.createAuthor(NewAuthor(slug: slug, name: name, bio: bio))
            }
            await newsroom.site.wrote()
            return newsroom.redirect(AdminRoutes.authors.path(query: [("done", "1")]))
        } catch let error as ValidationError {
            errors.add(error.field, newsroom.message(for: error, localizer))
        }
        return try await authorsPage(signedIn, flash: nil, failed: (id, fields, errors))
    }
}
