/// The life of one version of a publication: a clerk drafts and submits it, the village
/// supervision committee signs it off (it is then published and enters the public log) or
/// returns it with a note. Published versions never change: an amendment or a withdrawal is a
/// new version with a reason, and the original stays visible.
public enum VersionStatus: String, Sendable, Codable, CaseIterable {
    case draft, submitted, returned, published

    public var chineseName: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "待监委会审核"
        case .returned: "退回修改"
        case .published: "已公开"
        }
    }
}

public enum WorkflowAction: String, Sendable, CaseIterable {
    case edit, submit, signOff = "sign-off", returnForChanges = "return"
}

/// The state machine, separate from storage so that every transition is tested on its own.
public enum PublicationWorkflow {
    public static func next(after action: WorkflowAction, from status: VersionStatus) throws(WorkflowError) -> VersionStatus {
        switch (action, status) {
        case (.edit, .draft), (.edit, .returned): return .draft
        case (.submit, .draft), (.submit, .returned): return .submitted
        case (.signOff, .submitted): return .published
        case (.returnForChanges, .submitted): return .returned
        default: throw WorkflowError(action: action, status: status)
        }
    }
}

public struct WorkflowError: Error, Equatable, CustomStringConvertible {
    public let action: WorkflowAction
    public let status: VersionStatus
    public var description: String { "“\(status.chineseName)”状态下不能执行该操作 (cannot \(action.rawValue) a \(status.rawValue) version)" }
}
