import Foundation

/// One element of a camt.053 document, with its namespace prefix dropped (`ns2:Amt` is `Amt`),
/// so that every message version (camt.053.001.02 … .08, any prefix) is read by the same code.
///
/// Only what the reader needs is kept: the local name, the attributes, the trimmed text and the
/// line the element starts on (for error messages).
struct Camt053Element: Sendable {
    var name: String
    var attributes: [String: String]
    var line: Int
    var text: String
    var children: [Camt053Element]

    init(name: String, attributes: [String: String] = [:], line: Int, text: String = "", children: [Camt053Element] = []) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.text = text
        self.children = children
    }

    /// The first child called `name`.
    func child(_ name: String) -> Camt053Element? {
        children.first { $0.name == name }
    }

    /// Every child called `name`, in document order.
    func children(_ name: String) -> [Camt053Element] {
        children.filter { $0.name == name }
    }

    /// The element at `path` below this one, following the first child of each name.
    func element(_ path: String...) -> Camt053Element? {
        element(path)
    }

    func element(_ path: [String]) -> Camt053Element? {
        var current = self
        for name in path {
            guard let next = current.child(name) else { return nil }
            current = next
        }
        return current
    }

    /// The text at `path`, or `nil` when the element is missing or empty.
    func value(_ path: String...) -> String? {
        guard let found = element(path), !found.text.isEmpty else { return nil }
        return found.text
    }

    /// The first element called `name` at any depth (depth-first, document order), this one included.
    func firstDescendant(named name: String) -> Camt053Element? {
        if self.name == name { return self }
        for child in children {
            if let found = child.firstDescendant(named: name) { return found }
        }
        return nil
    }
}
