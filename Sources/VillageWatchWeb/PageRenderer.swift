import Foundation
import Hummingbird
import Mustache
import VillageWatchCore

/// Renders mustache templates from every module into pages sharing one layout.
///
/// Each module ships its templates as a resource folder; they are merged into one library at
/// start-up, so a module's page can extend `layout` and include another module's partials.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public init(templateDirectories: [URL]) throws {
        var templates: [String: MustacheTemplate] = [:]
        for directory in templateDirectories {
            let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            for file in files where file.pathExtension == "mustache" {
                let text = try String(contentsOf: file, encoding: .utf8)
                templates[file.deletingPathExtension().lastPathComponent] = try MustacheTemplate(string: text)
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    /// The shared layout's own templates (layout, error page, shared partials).
    public static var webTemplates: URL { Bundle.module.resourceURL!.appendingPathComponent("Templates") }

    /// Renders `template` with `values` plus what the layout needs about the signed-in user.
    public func page(_ template: String, title: String, _ values: [String: Any] = [:], context: AppRequestContext,
                     status: HTTPResponse.Status = .ok) -> HTML {
        var all = values
        all["title"] = title
        if let session = context.session {
            all["signedIn"] = ["name": session.user.displayName, "role": session.user.role.chineseName, "username": session.user.username]
            all["csrf"] = session.csrfToken
        }
        return HTML(fragment(template, all), status: status)
    }

    /// Renders a template without the layout's additions (a module's section of a page).
    public func fragment(_ template: String, _ values: Any) -> String {
        library.render(values, withTemplate: template) ?? "<p>模板 \(template) 缺失</p>"
    }
}
