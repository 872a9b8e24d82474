import Testing
import Foundation
@testable import VillageWatchFunds
import VillageWatchCore

/// Every camt.053 sample in `shared/data/bank-statements/camt053/` against its upstream oracle
/// (genkgo/camt's regression dumps), plus synthetic .04/.08 documents and the error cases.
@Suite struct Camt053ParserTests {
    // MARK: Samples against their oracles

    @Test("a sample parses to its upstream oracle", arguments: Camt053Samples.xmlFileNames())
    func sampleMatchesOracle(_ name: String) throws {
        let directory = Camt053Samples.directory
        guard name != Camt053Samples.missingMarker else {
            Issue.record("camt.053 samples not found at \(directory.path): set VILLAGEWATCH_SHARED to the absolute path of shared/ or check out shared/ beside the repository")
            return
        }
        let xml = try Data(contentsOf: directory.appendingPathComponent(name))
        let oracleURL = directory.appendingPathComponent(String(name.dropLast(4)) + ".json")
        guard FileManager.default.fileExists(atPath: oracleURL.path) else {
            // Upstream has no oracle for its negative case: it must fail.
            #expect(Camt053Samples.negativeCases.contains(name), "\(name) has no oracle \(oracleURL.path) and is not a known negative case")
            #expect(parseError(xml, name) != nil, "\(name) should not parse")
            return
        }
        let oracle = try Camt053Oracle(json: Data(contentsOf: oracleURL))
        let statements = try Camt053Parser.parse(xml, fileName: name)
        #expect(Camt053Parser.looksLikeCamt053(xml))

        // Statement count: the length of getRecords (the dump keeps one marker per record even
        // when it lost the record's body, see multi.statement).
        try #require(statements.count == oracle.recordCount, "\(name): statement count")
        let ids = try Camt053Samples.statementIds(in: xml)
        try #require(ids.count == statements.count, "\(name): <Stmt><Id> list")
        #expect(!oracle.statements.isEmpty, "\(name): the oracle holds no statement")

        for (id, record) in oracle.statements {
            let index = try #require(ids.firstIndex(of: id), "\(name): oracle statement \(id) is not in the XML")
            let statement = statements[index]
            let context = "\(name) Stmt[\(index + 1)] \(id)"
            #expect(statement.account == record["getAccount"]?["getIdentification"]?.string, "\(context): account")

            let balances = record["getBalances"]?.list?.filter { $0.className != nil } ?? []
            let (opening, closing) = Camt053Oracle.openingAndClosing(balances)
            #expect(statement.openingBalance?.amountMinor == opening?["getAmount"]?.minorUnits, "\(context): opening balance amount")
            #expect(statement.openingBalance?.date?.description == opening?["getDate"]?.date, "\(context): opening balance date")
            #expect(statement.closingBalance?.amountMinor == closing?["getAmount"]?.minorUnits, "\(context): closing balance amount")
            #expect(statement.closingBalance?.date?.description == closing?["getDate"]?.date, "\(context): closing balance date")
            #expect((statement.openingBalance == nil) == (opening == nil) && (statement.closingBalance == nil) == (closing == nil),
                    "\(context): balances present")

            #expect(statement.transactions.count == record["getEntries"]?.list?.count, "\(context): entry count")
            if let firstEntry = oracle.entries.first(where: { $0.statementId == id }) {
                #expect(statement.currency == firstEntry.entry["getAmount"]?["getCurrency"]?["getCode"]?.string, "\(context): currency")
            }
        }

        #expect(!oracle.entries.isEmpty, "\(name): the oracle holds no entry")
        for (statementId, entry) in oracle.entries {
            let statementIndex = try #require(ids.firstIndex(of: statementId))
            let entryIndex = try #require(entry["getIndex"]?.int, "\(name): oracle entry without getIndex")
            let transactions = statements[statementIndex].transactions
            try #require(entryIndex < transactions.count, "\(name) Stmt[\(statementIndex + 1)]: entry \(entryIndex + 1) missing")
            let transaction = transactions[entryIndex]
            let context = "\(name) Stmt[\(statementIndex + 1)]/Ntry[\(entryIndex + 1)]"
            let expected = Camt053Oracle.expectedTransaction(entry)

            #expect(transaction.amountMinor == expected.amountMinor, "\(context): amount")
            #expect(transaction.currency == expected.currency, "\(context): currency")
            #expect(transaction.bookedOn.description == expected.bookedOn, "\(context): booking date")
            #expect(transaction.valueOn?.description == expected.valueOn, "\(context): value date")
            #expect(transaction.reference == expected.reference, "\(context): reference")
            #expect(transaction.counterpartyName == expected.counterpartyName, "\(context): counterparty name")
            #expect(transaction.counterpartyAccount == expected.counterpartyAccount, "\(context): counterparty account")
            #expect(transaction.description == expected.description, "\(context): description")
        }
    }

    @Test("every upstream sample is present")
    func samplesPresent() {
        let names = Camt053Samples.xmlFileNames()
        guard names != [Camt053Samples.missingMarker] else {
            Issue.record("camt.053 samples not found at \(Camt053Samples.directory.path): set VILLAGEWATCH_SHARED to the absolute path of shared/ or check out shared/ beside the repository")
            return
        }
        for expected in Camt053Samples.knownFiles {
            #expect(names.contains(expected), "\(expected) missing from \(Camt053Samples.directory.path)")
        }
    }

    /// The oracle's dump of camt053.v2.multi.statement lost the first statement (its entries
    /// array is keyed by the index within a statement, so statement 2's entry 0 overwrote
    /// statement 1's); these values are read from the XML by hand.
    @Test func multiStatementFirstStatementFromTheXML() throws {
        let statements = try Camt053Parser.parse(Camt053Samples.data("camt053.v2.multi.statement.xml"), fileName: "multi")
        try #require(statements.count == 2)
        let first = statements[0]
        #expect(first.account == "NL26VAYB8060476890")
        #expect(first.currency == "EUR")
        #expect(first.openingBalance == ParsedBalance(amountMinor: 1815, date: CalendarDate(year: 2014, month: 12, day: 30)))
        #expect(first.closingBalance == ParsedBalance(amountMinor: 2700, date: CalendarDate(year: 2014, month: 12, day: 31)))
        #expect(first.transactions == [
            ParsedTransaction(bookedOn: CalendarDate(year: 2014, month: 12, day: 31)!, valueOn: CalendarDate(year: 2015, month: 1, day: 2),
                              amountMinor: 885, currency: "EUR", counterpartyName: nil, counterpartyAccount: nil,
                              reference: "000000001", description: "Transaction Description 1"),
        ])
        #expect(statements[1].transactions.map(\.counterpartyName) == ["Company Name 2"])
        #expect(statements[1].transactions.map(\.counterpartyAccount) == ["NL56AGDH9619008421"])
    }

    @Test func ultimateDebtorWhenNoDebtor() throws {
        let statements = try Camt053Parser.parse(Camt053Samples.data("camt053.v2.minimal.ultimate.xml"), fileName: "ultimate")
        let transaction = try #require(statements.first?.transactions.first)
        #expect(transaction.amountMinor == 885)
        #expect(transaction.counterpartyName == "DEBTOR NAME NM")
        #expect(transaction.counterpartyAccount == nil)
        #expect(transaction.description == "4654654654654654")
    }

    // MARK: Errors

    @Test func documentWithoutStatementFails() throws {
        let error = try #require(parseError(Camt053Samples.data("camt053.v2.wrong.xml"), "camt053.v2.wrong.xml"))
        #expect(error.file == "camt053.v2.wrong.xml")
        #expect(error.field == "BkToCstmrStmt")
        #expect(error.line == 3)
        #expect(error.reason.contains("no statement (<Stmt>)"), "\(error)")
    }

    @Test func truncatedXMLNamesALine() throws {
        let whole = try Camt053Samples.data("camt053.v2.minimal.xml")
        let truncated = whole.prefix(whole.count / 2)
        let error = try #require(parseError(Data(truncated), "truncated.xml"))
        let line = try #require(error.line, "\(error)")
        #expect(line > 1)
        #expect(error.reason.hasPrefix("malformed XML"), "\(error)")
        #expect(error.description.hasPrefix("truncated.xml:\(line): malformed XML"))
    }

    @Test func mismatchedTagNamesALine() throws {
        let xml = Data("""
        <?xml version="1.0"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <Stmt></Stmnt>
          </BkToCstmrStmt>
        </Document>
        """.utf8)
        let error = try #require(parseError(xml, "bad.xml"))
        #expect(error.line == 4, "\(error)")
        #expect(error.reason.hasPrefix("malformed XML"))
    }

    @Test func emptyFileFails() {
        let error = parseError(Data(), "empty.xml")
        #expect(error?.reason.hasPrefix("malformed XML") == true, "\(String(describing: error))")
    }

    @Test func otherMessagesAreNotStatements() throws {
        let xml = Data("""
        <?xml version="1.0"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt><GrpHdr/></BkToCstmrAcctRpt></Document>
        """.utf8)
        let error = try #require(parseError(xml, "report.xml"))
        #expect(error.reason.contains("not a camt.053"), "\(error)")
        #expect(error.reason.contains("BkToCstmrAcctRpt"), "\(error)")
        #expect(!Camt053Parser.looksLikeCamt053(xml))
    }

    @Test func documentTypeDeclarationsAreRefused() throws {
        let xml = Data("""
        <?xml version="1.0"?>
        <!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <Document><BkToCstmrStmt><GrpHdr><MsgId>&b;</MsgId></GrpHdr></BkToCstmrStmt></Document>
        """.utf8)
        let error = try #require(parseError(xml, "dtd.xml"))
        #expect(error.reason.contains("DOCTYPE"), "\(error)")
    }

    @Test func unparsableAmountNamesItsPath() throws {
        let xml = Camt053Samples.document(version: "02", statement: Camt053Samples.statement(entries: [
            Camt053Samples.entry(amount: "12,50", indicator: "CRDT", booked: "2024-03-01"),
        ]))
        let error = try #require(parseError(xml, "amount.xml"))
        #expect(error.field == "BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt", "\(error)")
        #expect(error.line == Camt053Lines.line(of: "12,50", in: xml), "\(error)")
        #expect(error.reason.contains("\"12,50\" is not an amount"), "\(error)")
    }

    @Test func amountsWithMoreDecimalsThanTheCurrencyHasFailUnlessTheyAreZeros() throws {
        let zeros = Camt053Samples.document(version: "02", statement: Camt053Samples.statement(entries: [
            Camt053Samples.entry(amount: "8.85000", indicator: "DBIT", booked: "2024-03-01"),
            Camt053Samples.entry(amount: "1200.0", ccy: "JPY", indicator: "CRDT", booked: "2024-03-01"),
            Camt053Samples.entry(amount: "1.234", ccy: "KWD", indicator: "CRDT", booked: "2024-03-01"),
        ]))
        let parsed = try Camt053Parser.parse(zeros, fileName: "zeros.xml")
        #expect(parsed[0].transactions.map(\.amountMinor) == [-885, 1200, 1234])

        let fraction = Camt053Samples.document(version: "02", statement: Camt053Samples.statement(entries: [
            Camt053Samples.entry(amount: "8.855", indicator: "CRDT", booked: "2024-03-01"),
        ]))
        let error = try #require(parseError(fraction, "fraction.xml"))
        #expect(error.field == "BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt")
        #expect(error.reason.contains("3 decimals"), "\(error)")
    }

    @Test func unparsableDateNamesItsPath() throws {
        let xml = Camt053Samples.document(version: "02", statement: Camt053Samples.statement(entries: [
            Camt053Samples.entry(amount: "1.00", indicator: "CRDT", booked: "2024-03-01"),
            Camt053Samples.entry(amount: "1.00", indicator: "CRDT", booked: "2023-02-29"),
        ]))
        let error = try #require(parseError(xml, "date.xml"))
        #expect(error.field == "BkToCstmrStmt/Stmt[1]/Ntry[2]/BookgDt/Dt", "\(error)")
        #expect(error.line == Camt053Lines.line(of: "2023-02-29", in: xml))
        #expect(error.description.hasPrefix("date.xml:\(error.line ?? 0): BkToCstmrStmt/Stmt[1]/Ntry[2]/BookgDt/Dt: \"2023-02-29\" is not a date"))
    }

    @Test func missingOrUnknownCreditDebitIndicatorFails() throws {
        let unknown = Camt053Samples.document(version: "02", statement: Camt053Samples.statement(entries: [
            Camt053Samples.entry(amount: "1.00", indicator: "CREDIT", booked: "2024-03-01"),
        ]))
        let error = try #require(parseError(unknown, "indicator.xml"))
        #expect(error.field == "BkToCstmrStmt/Stmt[1]/Ntry[1]/CdtDbtInd", "\(error)")
    }

    @Test func statementWithoutAccountFails() throws {
        let xml = Camt053Samples.document(version: "02", statement: """
        <Stmt><Id>1</Id><CreDtTm>2024-03-01T18:00:00</CreDtTm><Acct><Ccy>CNY</Ccy></Acct></Stmt>
        """)
        let error = try #require(parseError(xml, "account.xml"))
        #expect(error.field == "BkToCstmrStmt/Stmt[1]/Acct/Id", "\(error)")
    }

    // MARK: Balances

    /// `parse` accepts statements whose balances do not add up, because upstream's samples do
    /// (and their oracle accepts them); `verifyBalances` reports both figures.
    @Test func balanceMismatchesAreReportedByVerifyBalances() throws {
        let fiveDecimals = try Camt053Parser.parse(Camt053Samples.data("camt053.v2.five.decimals.xml"), fileName: "five.xml")
        do {
            try Camt053Parser.verifyBalances(fiveDecimals, fileName: "five.xml")
            Issue.record("18.15 + 8.85 ≠ 27.05 should be reported")
        } catch {
            #expect(error.field == "BkToCstmrStmt/Stmt[1]")
            #expect(error.reason.contains("opening balance 18.15 EUR on 2014-12-30"), "\(error)")
            #expect(error.reason.contains("gives 27.00 EUR"), "\(error)")
            #expect(error.reason.contains("closing balance is 27.05 EUR on 2014-12-31"), "\(error)")
        }
        let multi = try Camt053Parser.parse(Camt053Samples.data("camt053.v2.multi.statement.xml"), fileName: "multi.xml")
        try Camt053Parser.verifyBalances(multi, fileName: "multi.xml")
    }

    // MARK: Other message versions

    @Test func camt053Version04() throws {
        let statement = """
        <Stmt>
          <Id>STMT-2024-03-01</Id>
          <CreDtTm>2024-03-01T18:00:00+08:00</CreDtTm>
          <Acct><Id><Othr><Id>80020000012345678</Id></Othr></Id><Ccy>CNY</Ccy><Nm>白沙村股份经济合作社</Nm></Acct>
          <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">100000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-02-29</Dt></Dt></Bal>
          <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">125880.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-03-01</Dt></Dt></Bal>
          <Bal><Tp><CdOrPrtry><Cd>CLAV</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">125000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-03-01</Dt></Dt></Bal>
          <Ntry>
            <NtryRef>1</NtryRef>
            <Amt Ccy="CNY">30000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2024-03-01</Dt></BookgDt><ValDt><Dt>2024-03-01</Dt></ValDt>
            <AcctSvcrRef>RCB20240301000001</AcctSvcrRef>
            <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
            <NtryDtls><TxDtls>
              <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
              <RltdPties>
                <Dbtr><Nm>雷州市财政局</Nm></Dbtr>
                <DbtrAcct><Id><Othr><Id>44001000000001</Id></Othr></Id></DbtrAcct>
                <Cdtr><Nm>白沙村股份经济合作社</Nm></Cdtr>
              </RltdPties>
              <RmtInf><Ustrd>2024年第一季度</Ustrd><Ustrd>转移支付</Ustrd></RmtInf>
            </TxDtls></NtryDtls>
            <AddtlNtryInf>财政拨款</AddtlNtryInf>
          </Ntry>
          <Ntry>
            <Amt Ccy="CNY">4120.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2024-03-01</Dt></BookgDt>
            <AcctSvcrRef>RCB20240301000002</AcctSvcrRef>
            <NtryDtls>
              <Btch><NbOfTxs>2</NbOfTxs></Btch>
              <TxDtls>
                <Refs><EndToEndId>WAGE-1</EndToEndId></Refs>
                <AmtDtls><TxAmt><Amt Ccy="CNY">2060.00</Amt></TxAmt></AmtDtls>
                <RltdPties><Cdtr><Nm>陈志强</Nm></Cdtr><CdtrAcct><Id><Othr><Id>6217000000001234</Id></Othr></Id></CdtrAcct></RltdPties>
                <RmtInf><Ustrd>误工补贴</Ustrd></RmtInf>
              </TxDtls>
              <TxDtls>
                <Refs><EndToEndId>WAGE-2</EndToEndId></Refs>
                <Amt Ccy="CNY">2060.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
                <RltdPties><Cdtr><Nm>林小梅</Nm></Cdtr><CdtrAcct><Id><Othr><Id>6217000000005678</Id></Othr></Id></CdtrAcct></RltdPties>
                <RmtInf><Ustrd>误工补贴</Ustrd></RmtInf>
              </TxDtls>
            </NtryDtls>
          </Ntry>
          <Ntry>
            <Amt Ccy="CNY">999.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>PDNG</Sts>
            <BookgDt><Dt>2024-03-02</Dt></BookgDt>
          </Ntry>
          <Ntry>
            <Amt Ccy="CNY">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>2024-03-01</Dt></BookgDt>
            <NtryDtls>
              <TxDtls><Refs><AcctSvcrRef>TX-A</AcctSvcrRef></Refs><RltdPties><UltmtDbtr><Nm>某某公司</Nm></UltmtDbtr></RltdPties></TxDtls>
              <TxDtls><Refs><AcctSvcrRef>TX-B</AcctSvcrRef></Refs></TxDtls>
            </NtryDtls>
          </Ntry>
        </Stmt>
        """
        let xml = Camt053Samples.document(version: "04", statement: statement)
        #expect(Camt053Parser.looksLikeCamt053(xml))
        let parsed = try Camt053Parser.parse(xml, fileName: "v04.xml")
        try #require(parsed.count == 1)
        let day = CalendarDate(year: 2024, month: 3, day: 1)!
        #expect(parsed[0].account == "80020000012345678")
        #expect(parsed[0].currency == "CNY")
        #expect(parsed[0].openingBalance == ParsedBalance(amountMinor: 10_000_000, date: CalendarDate(year: 2024, month: 2, day: 29)))
        #expect(parsed[0].closingBalance == ParsedBalance(amountMinor: 12_588_000, date: day))
        #expect(parsed[0].transactions == [
            ParsedTransaction(bookedOn: day, valueOn: day, amountMinor: 3_000_000, currency: "CNY", counterpartyName: "雷州市财政局",
                              counterpartyAccount: "44001000000001", reference: "RCB20240301000001",
                              description: "2024年第一季度 转移支付 / 财政拨款"),
            ParsedTransaction(bookedOn: day, amountMinor: -206_000, currency: "CNY", counterpartyName: "陈志强",
                              counterpartyAccount: "6217000000001234", reference: "RCB20240301000002/1", description: "误工补贴"),
            ParsedTransaction(bookedOn: day, amountMinor: -206_000, currency: "CNY", counterpartyName: "林小梅",
                              counterpartyAccount: "6217000000005678", reference: "RCB20240301000002/2", description: "误工补贴"),
            ParsedTransaction(bookedOn: day, amountMinor: 0, currency: "CNY", counterpartyName: "某某公司", reference: "TX-A"),
        ])
        // The pending entry is not booked, so the booked balances add up without it.
        try Camt053Parser.verifyBalances(parsed, fileName: "v04.xml")
    }

    @Test func camt053Version08WithPrefixedNamespace() throws {
        let xml = Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <c:BkToCstmrStmt>
            <c:GrpHdr><c:MsgId>M1</c:MsgId><c:CreDtTm>2024-03-02T06:00:00+08:00</c:CreDtTm></c:GrpHdr>
            <c:Stmt>
              <c:Id>P2</c:Id>
              <c:StmtPgntn><c:PgNb>2</c:PgNb><c:LastPgInd>true</c:LastPgInd></c:StmtPgntn>
              <c:Acct><c:Id><c:IBAN>DE89370400440532013000</c:IBAN></c:Id></c:Acct>
              <c:Bal><c:Tp><c:CdOrPrtry><c:Cd>ITBD</c:Cd></c:CdOrPrtry></c:Tp><c:Amt Ccy="EUR">10.00</c:Amt><c:CdtDbtInd>DBIT</c:CdtDbtInd><c:Dt><c:Dt>2024-03-01</c:Dt></c:Dt></c:Bal>
              <c:Bal><c:Tp><c:CdOrPrtry><c:Cd>CLBD</c:Cd></c:CdOrPrtry></c:Tp><c:Amt Ccy="EUR">90.50</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Dt><c:DtTm>2024-03-01T23:59:59.999+01:00</c:DtTm></c:Dt></c:Bal>
              <c:Ntry>
                <c:Amt Ccy="EUR">100.50</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:RvslInd>false</c:RvslInd>
                <c:Sts><c:Cd>BOOK</c:Cd></c:Sts>
                <c:BookgDt><c:DtTm>2024-03-01T00:30:00+08:00</c:DtTm></c:BookgDt>
                <c:ValDt><c:Dt>2024-03-04</c:Dt></c:ValDt>
                <c:AcctSvcrRef>REF-08</c:AcctSvcrRef>
                <c:NtryDtls><c:TxDtls>
                  <c:Refs><c:EndToEndId>E2E-08</c:EndToEndId></c:Refs>
                  <c:Amt Ccy="EUR">100.50</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd>
                  <c:RltdPties>
                    <c:Dbtr><c:Pty><c:Nm>Max Mustermann</c:Nm></c:Pty></c:Dbtr>
                    <c:DbtrAcct><c:Id><c:IBAN>DE02120300000000202051</c:IBAN></c:Id></c:DbtrAcct>
                    <c:UltmtDbtr><c:Nm>Erika Mustermann</c:Nm></c:UltmtDbtr>
                  </c:RltdPties>
                  <c:RmtInf><c:Strd><c:CdtrRefInf><c:Ref>RF18539007547034</c:Ref></c:CdtrRefInf></c:Strd></c:RmtInf>
                  <c:AddtlTxInf>SEPA Credit Transfer</c:AddtlTxInf>
                </c:TxDtls></c:NtryDtls>
              </c:Ntry>
            </c:Stmt>
          </c:BkToCstmrStmt>
        </c:Document>
        """.utf8)
        #expect(Camt053Parser.looksLikeCamt053(xml))
        let parsed = try Camt053Parser.parse(xml, fileName: "v08.xml")
        try #require(parsed.count == 1)
        #expect(parsed[0].account == "DE89370400440532013000")
        #expect(parsed[0].currency == "EUR")
        // A later page of a split statement opens with an interim booked balance.
        #expect(parsed[0].openingBalance == ParsedBalance(amountMinor: -1000, date: CalendarDate(year: 2024, month: 3, day: 1)))
        #expect(parsed[0].closingBalance == ParsedBalance(amountMinor: 9050, date: CalendarDate(year: 2024, month: 3, day: 1)))
        #expect(parsed[0].transactions == [
            ParsedTransaction(bookedOn: CalendarDate(year: 2024, month: 3, day: 1)!, valueOn: CalendarDate(year: 2024, month: 3, day: 4),
                              amountMinor: 10050, currency: "EUR", counterpartyName: "Max Mustermann",
                              counterpartyAccount: "DE02120300000000202051", reference: "REF-08",
                              description: "RF18539007547034 / SEPA Credit Transfer"),
        ])
        try Camt053Parser.verifyBalances(parsed, fileName: "v08.xml")
    }

    /// Over 10 MB: swift-corelibs-foundation's `XMLParser(data:)` hands libxml2 one chunk and
    /// fails past its 10 MB chunk limit, so the parser streams the data.
    @Test func largeStatementParses() throws {
        let entry = Camt053Samples.entry(amount: "1.25", ccy: "CNY", indicator: "DBIT", booked: "2024-03-01")
            .replacingOccurrences(of: "</Ntry>", with: "<AddtlNtryInf>\(String(repeating: "误工补贴", count: 40))</AddtlNtryInf></Ntry>")
        let count = 11_000_000 / entry.utf8.count + 1
        let xml = Camt053Samples.document(version: "02", statement: Camt053Samples.statement(entries: Array(repeating: entry, count: count)))
        #expect(xml.count > 11_000_000)
        let parsed = try Camt053Parser.parse(xml, fileName: "large.xml")
        #expect(parsed.first?.transactions.count == count)
        #expect(parsed.first?.transactions.last?.amountMinor == -125)
    }

    @Test func looksLikeCamt053() throws {
        for name in Camt053Samples.knownFiles {
            #expect(Camt053Parser.looksLikeCamt053(try Camt053Samples.data(name)), "\(name)")
        }
        #expect(!Camt053Parser.looksLikeCamt053(Data(":20:STARTUMSE\n:25:10020030/1234567\n:28C:00001/001\n".utf8)))
        #expect(!Camt053Parser.looksLikeCamt053(Data("日期,摘要,收入,支出\n2024-03-01,拨款,100.00,\n".utf8)))
        #expect(!Camt053Parser.looksLikeCamt053(Data()))
    }
}

// MARK: - Helpers

private func parseError(_ data: Data, _ fileName: String) -> StatementParseError? {
    do {
        _ = try Camt053Parser.parse(data, fileName: fileName)
        return nil
    } catch {
        return error
    }
}

private enum Camt053Lines {
    /// The 1-based line of the first occurrence of `needle` in `data`.
    static func line(of needle: String, in data: Data) -> Int? {
        let text = String(decoding: data, as: UTF8.self)
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}

/// Where the samples are, and synthetic documents.
enum Camt053Samples {
    static let missingMarker = "<camt053 samples missing>"
    static let negativeCases: Set<String> = ["camt053.v2.wrong.xml"]
    static let knownFiles = [
        "camt053.v2.all-balance-types.xml", "camt053.v2.five.decimals.xml", "camt053.v2.minimal.ultimate.xml", "camt053.v2.minimal.xml",
        "camt053.v2.multi.statement.xml", "camt053.v2.with-account-name.xml", "camt053.v2.wrong.xml", "camt053.v3.xml",
    ]

    /// `VILLAGEWATCH_SHARED`, or `shared/` beside the repository (../../../shared from this file).
    static var sharedRoot: URL {
        if let path = ProcessInfo.processInfo.environment["VILLAGEWATCH_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared").standardizedFileURL
    }

    static var directory: URL { sharedRoot.appendingPathComponent("data/bank-statements/camt053") }

    /// Every `.xml` in the sample folder, or one marker that makes the test fail naming the path.
    static func xmlFileNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasSuffix(".xml") }.sorted() ?? []
        return names.isEmpty ? [missingMarker] : names
    }

    static func data(_ name: String) throws -> Data {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MissingSample(path: url.path)
        }
        return try Data(contentsOf: url)
    }

    struct MissingSample: Error, CustomStringConvertible {
        let path: String
        var description: String { "camt.053 sample not found at \(path): set VILLAGEWATCH_SHARED or check out shared/ beside the repository" }
    }

    /// The `<Stmt><Id>` of every statement, in order, read from the XML text (to match the
    /// oracle's statements, which carry `getId`, to the parsed ones).
    static func statementIds(in xml: Data) throws -> [String] {
        let text = String(decoding: xml, as: UTF8.self)
        let pattern = try Regex(#"<(?:[\w.-]+:)?Stmt>\s*<(?:[\w.-]+:)?Id>([^<]*)<"#)
        return text.matches(of: pattern).compactMap { match in (match.output[1].substring).map(String.init) }
    }

    static func document(version: String, statement: String) -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.\(version)">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>TEST</MsgId><CreDtTm>2024-03-01T18:00:00</CreDtTm></GrpHdr>
        \(statement)
          </BkToCstmrStmt>
        </Document>
        """.utf8)
    }

    static func statement(entries: [String]) -> String {
        """
            <Stmt>
              <Id>S1</Id>
              <CreDtTm>2024-03-01T18:00:00</CreDtTm>
              <Acct><Id><IBAN>NL26VAYB8060476890</IBAN></Id><Ccy>EUR</Ccy></Acct>
        \(entries.joined(separator: "\n"))
            </Stmt>
        """
    }

    static func entry(amount: String, ccy: String = "EUR", indicator: String, booked: String) -> String {
        """
              <Ntry>
                <Amt Ccy="\(ccy)">\(amount)</Amt>
                <CdtDbtInd>\(indicator)</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>\(booked)</Dt></BookgDt>
              </Ntry>
        """
    }
}

/// A genkgo/camt regression oracle: `Dumper` output of the PHP object graph. Each object is
/// `{"__CLASS__": …, "getX": …}` with the getters sorted; an object met a second time is the
/// string `__RECURSIVITY__`; dates are `{"__CLASS__": "DateTimeImmutable", "0": "…+00:00"}`.
struct Camt053Oracle {
    let recordCount: Int
    /// Every statement whose body is in the dump, by `getId`.
    private(set) var statements: [String: PHPDump] = [:]
    /// Every entry whose body is in the dump, with the `getId` of its statement: the entry's
    /// `getRecord` when that is dumped there, else the statement whose dump encloses the entry.
    private(set) var entries: [(statementId: String, entry: PHPDump)] = []

    static let statementClass = #"Genkgo\Camt\Camt053\DTO\Statement"#
    static let entryClass = #"Genkgo\Camt\DTO\Entry"#

    init(json: Data) throws {
        let root = try JSONDecoder().decode(PHPDump.self, from: json)
        recordCount = root["getRecords"]?.list?.count ?? 0
        collect(root, enclosing: nil)
    }

    private mutating func collect(_ node: PHPDump, enclosing: String?) {
        switch node {
        case .object(let members):
            var enclosing = enclosing
            if node.className == Self.statementClass, let id = node["getId"]?.string {
                statements[id] = node
                enclosing = id
            }
            if node.className == Self.entryClass, let id = node["getRecord"]?["getId"]?.string ?? enclosing {
                entries.append((id, node))
            }
            for key in members.keys.sorted() { collect(members[key]!, enclosing: enclosing) }
        case .list(let items):
            for item in items { collect(item, enclosing: enclosing) }
        default:
            break
        }
    }

    /// The oracle's balances as `ParsedStatement` picks them: the first `opening` (OPBD or PRCD)
    /// and the first `closing` (CLBD); interim booked balances (`interim`) only stand in when
    /// a page of a split statement has no opening or closing of its own.
    static func openingAndClosing(_ balances: [PHPDump]) -> (opening: PHPDump?, closing: PHPDump?) {
        let booked = balances.first { $0["getType"]?.string == "opening" }
        let closed = balances.first { $0["getType"]?.string == "closing" }
        let interims = balances.filter { $0["getType"]?.string == "interim" }
        return (booked ?? ((closed != nil || interims.count >= 2) ? interims.first : nil),
                closed ?? ((booked != nil || interims.count >= 2) ? interims.last : nil))
    }

    struct ExpectedTransaction {
        var amountMinor: Int64?
        var currency: String?
        var bookedOn: String?
        var valueOn: String?
        var reference: String?
        var counterpartyName: String?
        var counterpartyAccount: String?
        var description: String
    }

    /// What the parser must produce for an oracle entry, by the parser's documented rules.
    static func expectedTransaction(_ entry: PHPDump) -> ExpectedTransaction {
        let detail = entry["getTransactionDetail"]
        let references = detail?["getReference"]
        let endToEnd = references?["getEndToEndId"]?.string.flatMap { $0 == "NOTPROVIDED" ? nil : $0 }
        let reference = entry["getAccountServicerReference"]?.string ?? entry["getReference"]?.string
            ?? references?["getAccountServicerReference"]?.string ?? endToEnd

        // Money in: the debtor (else the ultimate debtor); money out: the creditor (else the ultimate creditor).
        let isCredit = entry["getCreditDebitIndicator"]?.string == "CRDT"
        let parties = detail?["getRelatedParties"]?.list ?? []
        func party(_ kind: String) -> PHPDump? {
            parties.first { $0["getRelatedPartyType"]?.className == #"Genkgo\Camt\DTO\"# + kind }
        }
        let direct = party(isCredit ? "Debtor" : "Creditor")
        let ultimate = party(isCredit ? "UltimateDebtor" : "UltimateCreditor")

        // The remittance message (first Ustrd, else the structured creditor reference), the
        // transaction's and the entry's additional information.
        var texts: [String] = []
        let additionalTransaction = detail?["getAdditionalTransactionInformation"]
        for text in [detail?["getRemittanceInformation"]?["getMessage"]?.string,
                     additionalTransaction?["getAdditionalInfo"]?.string ?? additionalTransaction?["getAdditionalInformation"]?.string,
                     entry["getAdditionalInfo"]?.string] {
            if let text, !text.isEmpty, !texts.contains(text) { texts.append(text) }
        }
        return ExpectedTransaction(
            amountMinor: entry["getAmount"]?.minorUnits,
            currency: entry["getAmount"]?["getCurrency"]?["getCode"]?.string,
            bookedOn: entry["getBookingDate"]?.date,
            valueOn: entry["getValueDate"]?.date,
            reference: reference,
            counterpartyName: direct?["getRelatedPartyType"]?["getName"]?.string ?? ultimate?["getRelatedPartyType"]?["getName"]?.string,
            counterpartyAccount: direct?["getAccount"]?["getIdentification"]?.string,
            description: texts.joined(separator: " / "))
    }
}

/// Any JSON value of a PHP dump.
indirect enum PHPDump: Decodable, Sendable {
    case object([String: PHPDump])
    case list([PHPDump])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PHPDump].self) {
            self = .list(value)
        } else {
            self = .object(try container.decode([String: PHPDump].self))
        }
    }

    subscript(key: String) -> PHPDump? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self, value != "__RECURSIVITY__" { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self { return Int(exactly: value) }
        return nil
    }

    /// A list; PHP arrays with non-sequential keys are dumped as objects keyed "0", "1", ….
    var list: [PHPDump]? {
        switch self {
        case .list(let items): return items
        case .object(let members) where members["__CLASS__"] == nil:
            return members.compactMap { key, value in Int(key).map { ($0, value) } }.sorted { $0.0 < $1.0 }.map(\.1)
        default: return nil
        }
    }

    var className: String? { self["__CLASS__"]?.string }

    /// A `Money\Money`'s amount in minor units.
    var minorUnits: Int64? { self["getAmount"]?.string.flatMap { Int64($0) } }

    /// A `DateTimeImmutable`'s date, `YYYY-MM-DD`.
    var date: String? { self["0"]?.string.map { String($0.prefix(10)) } }
}
