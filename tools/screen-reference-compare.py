#!/usr/bin/env python3
"""Compare the Swift engine's findings with tools/screen-reference.py's.

    python3 tools/screen-reference-compare.py SWIFT.jsonl REF.tsv

SWIFT.jsonl is `villagewatch screen --out` output (JSON Lines with code, village_code and
subject); REF.tsv is screen-reference.py --out output (`CODE<TAB>village_code<TAB>subject`).
Each Swift finding is turned into the same line: the subject's values in order joined by `|`,
a list (transaction_ids) sorted and joined by `,`. PUB-OVERDUE, which the reference does not
compute, is left out. Prints per code the Swift count, the reference count and the first three
lines only in either; exits 1 on any difference.
"""
import collections
import json
import sys

EXAMPLES = 3
OUT_OF_SCOPE = {"PUB-OVERDUE"}


def subject_text(subject):
    return "|".join(",".join(sorted(v)) if isinstance(v, list) else str(v) for v in subject.values())


def swift_lines(path):
    lines = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for raw in f:
            if raw.strip():
                finding = json.loads(raw)
                if finding["code"] not in OUT_OF_SCOPE:
                    lines["\t".join([finding["code"], finding["village_code"], subject_text(finding["subject"])])] += 1
    return lines


def reference_lines(path):
    with open(path, encoding="utf-8") as f:
        return collections.Counter(line.rstrip("\n") for line in f if line.strip())


def by_code(lines):
    codes = collections.defaultdict(collections.Counter)
    for line, n in lines.items():
        codes[line.split("\t", 1)[0]][line] = n
    return codes


def report(code, swift, reference):
    """Prints one code's comparison; True when both sides agree."""
    only_swift, only_reference = swift - reference, reference - swift
    print(f"{code:28} swift {sum(swift.values()):>8}  reference {sum(reference.values()):>8}  "
          f"only-in-swift {sum(only_swift.values()):>6}  only-in-reference {sum(only_reference.values()):>6}")
    for label, lines in (("only-in-swift", only_swift), ("only-in-reference", only_reference)):
        for line in sorted(lines)[:EXAMPLES]:
            print(f"    {label}: {line}")
    return not only_swift and not only_reference


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    swift, reference = by_code(swift_lines(argv[0])), by_code(reference_lines(argv[1]))
    agree = [report(code, swift[code], reference[code]) for code in sorted(set(swift) | set(reference))]
    return 0 if all(agree) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
