/// An area's responsiveness on the echo wall: of the items whose answer is due, how many were
/// answered; of those, how many on time; the average rating; how many were reopened.
public struct EchoStats: Sendable, Equatable {
    public var items = 0
    /// Answered, or past their answer deadline.
    public var due = 0
    public var answered = 0
    public var answeredOnTime = 0
    public var ratings = 0
    public var ratingSum = 0
    public var reopened = 0

    public init() {}

    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.items += b.items
        sum.due += b.due
        sum.answered += b.answered
        sum.answeredOnTime += b.answeredOnTime
        sum.ratings += b.ratings
        sum.ratingSum += b.ratingSum
        sum.reopened += b.reopened
        return sum
    }

    public var replyRate: String { Self.percent(answered, of: due) }
    public var onTimeRate: String { Self.percent(answeredOnTime, of: answered) }
    public var reopenRate: String { Self.percent(reopened, of: answered) }

    /// One decimal, from integers: 4.3.
    public var averageRating: String {
        guard ratings > 0 else { return "—" }
        let tenths = (ratingSum * 10 + ratings / 2) / ratings
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : "\((part * 100 + whole / 2) / whole)%"
    }

    /// For templates.
    public var values: [String: Any] {
        ["items": items, "answered": answered, "replyRate": replyRate, "onTimeRate": onTimeRate, "averageRating": averageRating,
         "ratings": ratings, "reopenRate": reopenRate]
    }
}
