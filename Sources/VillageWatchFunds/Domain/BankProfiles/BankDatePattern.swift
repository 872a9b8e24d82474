import VillageWatchCore

/// A date or time pattern as bank profiles write them: `yyyy` (four digits), `MM`/`dd`/`HH`/`mm`/`ss`
/// (exactly two digits), `M`/`d`/`H` (one or two digits), anything else literally (`-`, `/`, `年`, a
/// space). `yyyy-MM-dd HH:mm:ss` reads a date with a time, `MM/dd` a date without a year.
struct BankDatePattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case year, month(min: Int), day(min: Int), hour(min: Int), minute, second
        case literal(Character)
    }

    /// What a cell gave: the date's parts and the time of day in seconds, where present.
    struct Reading: Sendable, Equatable {
        var year: Int?
        var month: Int?
        var day: Int?
        var seconds: Int?
    }

    static let defaultDatePatterns = [
        "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日",
        "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm", "yyyyMMdd HH:mm:ss", "yyyyMMddHHmmss",
    ]
    static let defaultTimePatterns = ["H:mm:ss", "H:mm", "HHmmss"]

    let tokens: [Token]

    /// nil for a pattern with unknown letters or without any field.
    init?(_ pattern: String) {
        var tokens: [Token] = []
        let characters = Array(pattern)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            var run = 1
            while i + run < characters.count, characters[i + run] == c { run += 1 }
            switch (c, run) {
            case ("y", 4): tokens.append(.year)
            case ("M", 1), ("M", 2): tokens.append(.month(min: run))
            case ("d", 1), ("d", 2): tokens.append(.day(min: run))
            case ("H", 1), ("H", 2): tokens.append(.hour(min: run))
            case ("m", 2): tokens.append(.minute)
            case ("s", 2): tokens.append(.second)
            default:
                if c.isASCII && c.isLetter { return nil }
                for _ in 0..<run { tokens.append(.literal(c)) }
            }
            i += run
        }
        guard tokens.contains(where: { if case .literal = $0 { false } else { true } }) else { return nil }
        self.tokens = tokens
    }

    var hasYear: Bool { tokens.contains(.year) }
    var hasDate: Bool { tokens.contains { if case .day = $0 { true } else { false } } }

    /// Reads the whole of `text` (already trimmed); nil if it does not fit the pattern.
    func read(_ text: String) -> Reading? {
        let characters = Array(text)
        var i = 0
        var reading = Reading()
        var hour: Int?, minute: Int?, second: Int?

        func digits(min: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, i < characters.count, let digit = characters[i].wholeNumberValue, characters[i].isASCII {
                value = value * 10 + digit
                count += 1
                i += 1
            }
            return count >= min ? value : nil
        }

        for token in tokens {
            switch token {
            case .year: guard let v = digits(min: 4, max: 4) else { return nil }; reading.year = v
            case .month(let min): guard let v = digits(min: min, max: 2) else { return nil }; reading.month = v
            case .day(let min): guard let v = digits(min: min, max: 2) else { return nil }; reading.day = v
            case .hour(let min): guard let v = digits(min: min, max: 2) else { return nil }; hour = v
            case .minute: guard let v = digits(min: 2, max: 2) else { return nil }; minute = v
            case .second: guard let v = digits(min: 2, max: 2) else { return nil }; second = v
            case .literal(let c):
                guard i < characters.count, characters[i] == c else { return nil }
                i += 1
            }
        }
        guard i == characters.count else { return nil }
        if hour != nil || minute != nil || second != nil {
            let h = hour ?? 0, m = minute ?? 0, s = second ?? 0
            guard (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
            reading.seconds = h * 3600 + m * 60 + s
        }
        return reading
    }
}
