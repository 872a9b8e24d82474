/// One record of a batch after validation: a row waiting for the in-file duplicate check, or
/// the problem validation found. Problems wait in the batch beside the rows so that the report
/// still lists a batch's problems in line order once duplicates, which need the database to
/// be found, are among them.
enum ImportBatchEntry {
    case row(line: Int, key: [StoredValue], keyText: String, row: ImportRow)
    case problem(line: Int, field: String?, reason: String)

    /// The key of a row, joined into one text (the registry's column).
    var keyText: String? {
        guard case .row(_, _, let keyText, _) = self else { return nil }
        return keyText
    }
}
