extension CalendarDate {
    /// The same day `months` months later, or the month's last day when it has no such day
    /// (31 January + 1 month = 28 or 29 February), as leases count terms and due dates.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let (year, month) = (index / 12, index % 12 + 1)
        return CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: year)))!
    }
}
