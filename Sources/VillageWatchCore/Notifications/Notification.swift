/// A message to people who must act or who asked to be told: a handler about a new item, the
/// next level about an escalation, a real-name villager about an answer. Who exactly receives it
/// is the gateway's business (an SMS or WeChat service maps the area and role to people).
public struct Notification: Sendable, Codable, Equatable {
    /// `echo.new`, `echo.escalated`, `echo.answered`.
    public let event: String
    /// The area whose handlers are meant, or the villager's village.
    public let areaCode: String
    /// The handling level (`village`, `town`, `commission`), or `villager`.
    public let audience: String
    public let message: String
    /// A villager's mobile number, only for messages to that villager.
    public let phone: String?
    /// Where the item is, relative to the site.
    public let link: String

    public init(event: String, areaCode: String, audience: String, message: String, phone: String? = nil, link: String) {
        self.event = event
        self.areaCode = areaCode
        self.audience = audience
        self.message = message
        self.phone = phone
        self.link = link
    }
}
