#!/usr/bin/env python3
"""Independent verifier for a VillageWatch transparency log.

This program audits the append-only public record that a running VillageWatch
server publishes. It was written from the public specifications alone
(RFC 6962 and RFC 9162 for the Merkle tree, c2sp.org/signed-note and
c2sp.org/tlog-checkpoint for the signed tree head). It shares no code with the
server and needs only Python 3.11 and the `cryptography` package.

Usage
-----
    tools/verify-log.py BASE_URL [--state FILE] [--sample N] [--timeout S]

    BASE_URL      the server's base URL, e.g. https://watch.example.org
                  (the endpoints live under BASE_URL/transparency/...)
    --state FILE  JSON file holding the last checkpoint this verifier accepted.
                  If it exists, the log must prove that the current tree is an
                  append-only extension of it (RFC 9162 consistency proof).
                  After a fully successful run the current checkpoint is
                  written back to FILE. If FILE does not exist yet, the
                  current checkpoint is trusted on first use and saved.
    --sample N    number of inclusion proofs to check (default 64): the first
                  and last leaf plus evenly spread indices in between. The
                  choice is deterministic. If N >= tree size, every leaf is
                  checked.
    --timeout S   per-request timeout in seconds (default 30).

What is checked
---------------
 1. GET /transparency/key: a signed-note verifier key
    `<name>+<8 hex key hash>+<base64(0x01 || Ed25519 public key)>`, whose key
    hash must be the first 4 bytes of SHA-256(name || "\\n" || 0x01 || key).
 2. GET /transparency/checkpoint: a signed note whose text is a tlog
    checkpoint (origin, tree size, base64 root hash, optional extension
    lines). A signature line from this key must verify (Ed25519 over the note
    text including its final newline); a bad signature from this key is
    fatal; lines from other keys are ignored; the origin must equal the key
    name.
 3. GET /transparency/entries (paged, at most 1000 per request): all leaves
    0..size-1. Every leaf must be canonical JSON (an object that re-serialises
    byte-identically with sorted keys, no insignificant whitespace, UTF-8).
    The RFC 6962 root of the leaves must equal the signed root. This is the
    check that notices a record edited after publication.
 4. GET /transparency/proof/inclusion for the sampled indices: the proof's
    leaf_hash must equal the locally computed leaf hash and the audit path
    must verify against the signed root (RFC 9162 section 2.1.3.2). An
    out-of-range request (index = tree size) must be refused with HTTP 400.
 5. GET /transparency/proof/consistency: from the saved state (if any) to the
    current size, verified against the saved and signed roots (RFC 9162
    section 2.1.4.2); a shrunken tree, or a different root at the same size,
    fails. Proofs from a few internal sizes (1, size/2, size-1) to the
    current size are verified against roots computed locally.

Output and exit status
----------------------
One line per check, starting with PASS or FAIL, then a summary line.
Exit status 0 if every check passed, 1 if any check failed, 2 for usage
errors, an unreadable state file, and network errors (connection failures,
timeouts, or a non-200 answer for the key, checkpoint or entries). The
message names the URL involved.

State file format (JSON)
------------------------
    {"origin": "...", "tree_size": 123, "root_hash": "<base64>",
     "checkpoint": "<the signed note as served>", "saved_at": "<UTC time>"}

Examples
--------
    tools/verify-log.py http://localhost:8080
    tools/verify-log.py https://watch.example.org --state ~/.villagewatch-log.json
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime
import hashlib
import hmac
import http.client
import json
import os
import re
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
ENTRIES_PAGE = 1000
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
MAX_NOTE_SIGNATURES = 100
SIG_TYPE_ED25519 = 0x01
SIG_LINE_PREFIX = "\u2014 "  # EM DASH, SPACE

# ---------------------------------------------------------------------------
# RFC 6962 / RFC 9162 Merkle tree hashing and proof verification
# ---------------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    """MTH of a single entry: SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Interior node: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _is_hash(value: object) -> bool:
    return isinstance(value, (bytes, bytearray)) and len(value) == HASH_SIZE


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def roots_at(leaf_hashes: list[bytes], sizes) -> dict[int, bytes]:
    """Return {m: MTH(D[0:m])} for every requested m, in a single pass.

    The leaves are pushed onto a stack of perfect subtrees (a binary counter).
    For a prefix of m leaves the stack holds the perfect subtrees given by the
    binary decomposition of m, largest first; because RFC 6962 splits a tree
    at the largest power of two smaller than its size, the root of the prefix
    is those subtrees folded from the right: H(s0, H(s1, ... H(sk-1, sk))).
    """
    wanted = set(sizes)
    for m in wanted:
        if not _is_count(m) or m > len(leaf_hashes):
            raise ValueError(f"cannot compute root of size {m!r} from {len(leaf_hashes)} leaves")
    out: dict[int, bytes] = {}
    if 0 in wanted:
        out[0] = EMPTY_ROOT
    if not wanted - {0}:
        return out
    last = max(wanted)
    stack: list[tuple[int, bytes]] = []  # (height, hash), strictly decreasing heights
    for count, h in enumerate(leaf_hashes[:last], start=1):
        node, height = h, 0
        while stack and stack[-1][0] == height:
            node = node_hash(stack.pop()[1], node)
            height += 1
        stack.append((height, node))
        if count in wanted:
            root = stack[-1][1]
            for _, left in reversed(stack[:-1]):
                root = node_hash(left, root)
            out[count] = root
    return out


def merkle_root(leaf_hashes: list[bytes]) -> bytes:
    """MTH of the whole list of leaf hashes."""
    return roots_at(leaf_hashes, [len(leaf_hashes)])[len(leaf_hashes)]


def verify_inclusion(index: int, tree_size: int, leaf: bytes, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 section 2.1.3.2: verify an inclusion proof (audit path)."""
    if not (_is_count(index) and _is_count(tree_size)) or index >= tree_size:
        return False
    if not (_is_hash(leaf) and _is_hash(root)) or not all(_is_hash(p) for p in proof):
        return False
    fn, sn, r = index, tree_size - 1, bytes(leaf)
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and hmac.compare_digest(r, root)


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes,
                       proof: list[bytes]) -> bool:
    """RFC 9162 section 2.1.4.2: verify a consistency proof between two tree heads.

    The RFC algorithm covers 0 < first < second. The remaining cases follow
    from the definition of PROOF (section 2.1.4.1): for first == second the
    proof is empty and the roots must be equal; the empty tree (first == 0)
    is a prefix of every tree, with an empty proof.
    """
    if not (_is_count(first) and _is_count(second)) or first > second:
        return False
    if not (_is_hash(first_hash) and _is_hash(second_hash)) or not all(_is_hash(p) for p in proof):
        return False
    if first == second:
        return len(proof) == 0 and hmac.compare_digest(first_hash, second_hash)
    if first == 0:
        return len(proof) == 0 and hmac.compare_digest(first_hash, EMPTY_ROOT)
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # first is an exact power of two
        path.insert(0, bytes(first_hash))
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and hmac.compare_digest(fr, first_hash) and hmac.compare_digest(sr, second_hash)


# ---------------------------------------------------------------------------
# C2SP signed notes and tlog checkpoints
# ---------------------------------------------------------------------------


class NoteError(Exception):
    """A verifier key, signed note or checkpoint is malformed or does not verify."""


@dataclass(frozen=True)
class VerifierKey:
    name: str
    key_hash: bytes  # 4 bytes
    public_key: bytes  # 32-byte Ed25519 public key

    def describe(self) -> str:
        return f"{self.name}+{self.key_hash.hex()}"


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...]
    text: str  # the signed note text (body), including its final newline


def b64decode_strict(text: str) -> bytes:
    """Standard base64 (RFC 4648 section 4) with padding, canonical encoding only."""
    if not isinstance(text, str) or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text):
        raise ValueError("not standard base64")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"not standard base64: {exc}") from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise ValueError("non-canonical base64")
    return raw


def valid_key_name(name: str) -> bool:
    """signed-note: a key name is non-empty and has no Unicode spaces and no '+'."""
    return bool(name) and "+" not in name and not any(ch.isspace() for ch in name)


def compute_key_hash(name: str, sig_type: int, public_key: bytes) -> bytes:
    """signed-note key ID: SHA-256(name || 0x0A || signature type || public key)[:4]."""
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([sig_type]) + public_key).digest()[:4]


def parse_verifier_key(text: str) -> VerifierKey:
    """Parse `<name>+<hex key hash>+<base64(0x01 || Ed25519 public key)>`."""
    if "\n" in text or "\r" in text:
        raise NoteError("verifier key must be a single line")
    parts = text.split("+", 2)  # the name has no '+', the hash neither; base64 may
    if len(parts) != 3:
        raise NoteError("verifier key must have the form name+hash+key")
    name, hash_hex, key_b64 = parts
    if not valid_key_name(name):
        raise NoteError(f"invalid key name {name!r}")
    if not re.fullmatch(r"[0-9a-fA-F]{8}", hash_hex):
        raise NoteError(f"key hash {hash_hex!r} is not 8 hex digits")
    try:
        raw = b64decode_strict(key_b64)
    except ValueError as exc:
        raise NoteError(f"verifier key: {exc}") from None
    if len(raw) != 33 or raw[0] != SIG_TYPE_ED25519:
        raise NoteError("verifier key is not 0x01 (Ed25519) followed by a 32-byte public key")
    public_key = raw[1:]
    expected = compute_key_hash(name, SIG_TYPE_ED25519, public_key)
    if bytes.fromhex(hash_hex) != expected:
        raise NoteError(f"key hash {hash_hex} does not match the key (expected {expected.hex()})")
    try:
        Ed25519PublicKey.from_public_bytes(public_key)
    except ValueError as exc:
        raise NoteError(f"invalid Ed25519 public key: {exc}") from None
    return VerifierKey(name=name, key_hash=expected, public_key=public_key)


def open_signed_note(note: bytes, key: VerifierKey) -> tuple[str, int]:
    """Verify a signed note against one trusted key.

    Returns (note text, number of ignored signature lines from unknown keys).
    Raises NoteError if the note is malformed, if a signature line from the
    trusted key does not verify, or if there is no signature from it.
    """
    try:
        msg = note.decode("utf-8")
    except UnicodeDecodeError:
        raise NoteError("note is not valid UTF-8") from None
    for ch in msg:
        if ch < " " and ch != "\n":
            raise NoteError(f"note contains control character U+{ord(ch):04X}")
    if not msg.endswith("\n"):
        raise NoteError("note does not end with a newline")
    split = msg.rfind("\n\n")
    if split < 0:
        raise NoteError("note has no blank line before the signatures")
    text = msg[: split + 1]
    sig_block = msg[split + 2:]
    if not sig_block:
        raise NoteError("note has no signature lines")
    sig_lines = sig_block[:-1].split("\n")
    if len(sig_lines) > MAX_NOTE_SIGNATURES:
        raise NoteError(f"note has more than {MAX_NOTE_SIGNATURES} signature lines")
    verified = 0
    unknown = 0
    pub = Ed25519PublicKey.from_public_bytes(key.public_key)
    for line in sig_lines:
        if not line.startswith(SIG_LINE_PREFIX):
            raise NoteError(f"malformed signature line {line!r} (must start with an em dash and a space)")
        fields = line[len(SIG_LINE_PREFIX):].split(" ")
        if len(fields) != 2 or not valid_key_name(fields[0]):
            raise NoteError(f"malformed signature line {line!r}")
        name, sig_b64 = fields
        try:
            sig = b64decode_strict(sig_b64)
        except ValueError as exc:
            raise NoteError(f"signature line for {name}: {exc}") from None
        if len(sig) < 5:
            raise NoteError(f"signature line for {name} is too short")
        if name != key.name or sig[:4] != key.key_hash:
            unknown += 1
            continue
        if len(sig) != 4 + 64:
            raise NoteError(f"signature from {key.describe()} is not 64 bytes")
        try:
            pub.verify(sig[4:], text.encode("utf-8"))
        except InvalidSignature:
            raise NoteError(f"invalid signature from {key.describe()}") from None
        verified += 1
    if verified == 0:
        raise NoteError(f"no signature from {key.describe()} ({unknown} line(s) from other keys ignored)")
    return text, unknown


def parse_checkpoint(text: str) -> Checkpoint:
    """Parse a c2sp.org/tlog-checkpoint note text (no signature checks here)."""
    if not text.endswith("\n"):
        raise NoteError("checkpoint text does not end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise NoteError("checkpoint needs origin, tree size and root hash lines")
    if any(line == "" for line in lines):
        raise NoteError("checkpoint contains an empty line")
    origin, size_line, root_line = lines[0], lines[1], lines[2]
    if not re.fullmatch(r"0|[1-9][0-9]*", size_line):
        raise NoteError(f"tree size {size_line!r} is not a decimal number without leading zeroes")
    try:
        root = b64decode_strict(root_line)
    except ValueError as exc:
        raise NoteError(f"root hash: {exc}") from None
    if len(root) != HASH_SIZE:
        raise NoteError(f"root hash is {len(root)} bytes, expected {HASH_SIZE}")
    return Checkpoint(origin=origin, size=int(size_line), root=root,
                      extensions=tuple(lines[3:]), text=text)


def verify_checkpoint(note: bytes, key: VerifierKey) -> Checkpoint:
    """Signature, format and origin checks of a checkpoint, all at once."""
    text, _ = open_signed_note(note, key)
    checkpoint = parse_checkpoint(text)
    if checkpoint.origin != key.name:
        raise NoteError(f"checkpoint origin {checkpoint.origin!r} is not the key name {key.name!r}")
    return checkpoint


# ---------------------------------------------------------------------------
# Published records
# ---------------------------------------------------------------------------


def _reject_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _no_duplicate_keys(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise ValueError(f"duplicate key {k!r}")
        obj[k] = v
    return obj


def canonical_json_problem(leaf: bytes) -> str | None:
    """None if the leaf is a canonically serialised JSON object, else the reason."""
    try:
        text = leaf.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    try:
        obj = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except (ValueError, RecursionError) as exc:
        return f"not JSON ({exc})"
    if not isinstance(obj, dict):
        return "not a JSON object"
    try:
        again = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError) as exc:
        return f"cannot be re-serialised ({exc})"
    if again != leaf:
        for i, (a, b) in enumerate(zip(again, leaf)):
            if a != b:
                break
        else:
            i = min(len(again), len(leaf))
        return f"not canonical JSON (differs from the canonical form at byte {i})"
    return None


def sample_indices(size: int, count: int) -> list[int]:
    """Deterministic sample: first, last and evenly spread indices."""
    if size <= 0 or count <= 0:
        return []
    if count >= size:
        return list(range(size))
    if count == 1:
        return [0]
    return sorted({(j * (size - 1)) // (count - 1) for j in range(count)})


def internal_sizes(size: int) -> list[int]:
    """Earlier tree sizes to prove consistency from: 1, size//2, size-1."""
    return sorted({m for m in (1, size // 2, size - 1) if 0 < m < size})


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------


class FetchError(Exception):
    """A network error or an unusable HTTP answer; the message names the URL."""


class ProtocolError(Exception):
    """The server answered, but not in the documented format."""


class Client:
    def __init__(self, base_url: str, timeout: float):
        self.base = base_url.rstrip("/")
        self.timeout = timeout

    def url(self, path: str, **params) -> str:
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        return f"{self.base}{path}{query}"

    def get(self, path: str, **params) -> tuple[int, bytes, str]:
        """GET and return (status, body, url). HTTP error statuses are returned, not raised."""
        url = self.url(path, **params)
        request = urllib.request.Request(url, headers={
            "Accept": "application/json, text/plain;q=0.9",
            "User-Agent": "villagewatch-verify-log/1",
        })
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status = response.status
                body = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as err:
            try:
                body = err.read(MAX_RESPONSE_BYTES + 1)
            except (OSError, http.client.HTTPException):
                body = b""
            status = err.code
        except urllib.error.URLError as err:
            raise FetchError(f"cannot fetch {url}: {err.reason}") from None
        except (OSError, http.client.HTTPException, ValueError) as err:
            raise FetchError(f"cannot fetch {url}: {err}") from None
        if len(body) > MAX_RESPONSE_BYTES:
            raise FetchError(f"response from {url} is larger than {MAX_RESPONSE_BYTES} bytes")
        return status, body, url

    def get_ok(self, path: str, **params) -> tuple[bytes, str]:
        """GET that must answer 200; anything else is a FetchError."""
        status, body, url = self.get(path, **params)
        if status != 200:
            raise FetchError(f"HTTP {status} from {url}: {_snippet(body)}")
        return body, url


def _snippet(body: bytes, limit: int = 200) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text if len(text) <= limit else text[:limit] + "..."


def _json_object(body: bytes, url: str) -> dict:
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"{url} did not return JSON ({exc})") from None
    if not isinstance(value, dict):
        raise ProtocolError(f"{url} did not return a JSON object")
    return value


def _field_count(obj: dict, name: str, url: str) -> int:
    value = obj.get(name)
    if not _is_count(value):
        raise ProtocolError(f"{url}: field {name!r} is not a non-negative integer")
    return value


def _field_hash(value: object, what: str, url: str) -> bytes:
    if not isinstance(value, str):
        raise ProtocolError(f"{url}: {what} is not a base64 string")
    try:
        raw = b64decode_strict(value)
    except ValueError as exc:
        raise ProtocolError(f"{url}: {what}: {exc}") from None
    if len(raw) != HASH_SIZE:
        raise ProtocolError(f"{url}: {what} is {len(raw)} bytes, expected {HASH_SIZE}")
    return raw


def _field_proof(obj: dict, url: str) -> list[bytes]:
    proof = obj.get("proof")
    if not isinstance(proof, list):
        raise ProtocolError(f"{url}: field 'proof' is not a list")
    return [_field_hash(p, f"proof[{i}]", url) for i, p in enumerate(proof)]


def fetch_entries(client: Client, size: int, page: int = ENTRIES_PAGE) -> tuple[list[bytes], int]:
    """Fetch leaves 0..size-1, following the server's paging. Returns (leaves, requests)."""
    leaves: list[bytes] = []
    requests = 0
    while len(leaves) < size:
        start = len(leaves)
        end = min(size, start + page)
        body, url = client.get_ok("/transparency/entries", start=start, end=end)
        requests += 1
        entries = _json_object(body, url).get("entries")
        if not isinstance(entries, list):
            raise ProtocolError(f"{url}: field 'entries' is not a list")
        if not entries:
            raise ProtocolError(f"{url}: no entries returned, but the checkpoint has {size}")
        if len(entries) > end - start:
            raise ProtocolError(f"{url}: {len(entries)} entries returned for a range of {end - start}")
        for offset, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise ProtocolError(f"{url}: entry {offset} is not an object")
            if entry.get("index") != start + offset or isinstance(entry.get("index"), bool):
                raise ProtocolError(f"{url}: entry {offset} has index {entry.get('index')!r}, "
                                    f"expected {start + offset}")
            leaf = entry.get("leaf")
            if not isinstance(leaf, str):
                raise ProtocolError(f"{url}: entry {start + offset} has no base64 'leaf'")
            try:
                leaves.append(b64decode_strict(leaf))
            except ValueError as exc:
                raise ProtocolError(f"{url}: entry {start + offset}: {exc}") from None
    return leaves, requests


# ---------------------------------------------------------------------------
# State file
# ---------------------------------------------------------------------------


class StateError(Exception):
    """The state file exists but cannot be used."""


@dataclass(frozen=True)
class SavedState:
    origin: str
    size: int
    root: bytes


def load_state(path: str) -> SavedState | None:
    if not os.path.exists(path):
        return None
    try:
        with open(path, "r", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise StateError(f"cannot read state file {path}: {exc}") from None
    if not isinstance(data, dict):
        raise StateError(f"state file {path} does not hold a JSON object")
    origin, size, root_b64 = data.get("origin"), data.get("tree_size"), data.get("root_hash")
    if not isinstance(origin, str) or not _is_count(size) or not isinstance(root_b64, str):
        raise StateError(f"state file {path} lacks origin, tree_size or root_hash")
    try:
        root = b64decode_strict(root_b64)
    except ValueError as exc:
        raise StateError(f"state file {path}: root_hash: {exc}") from None
    if len(root) != HASH_SIZE:
        raise StateError(f"state file {path}: root_hash is not {HASH_SIZE} bytes")
    return SavedState(origin=origin, size=size, root=root)


def save_state(path: str, checkpoint: Checkpoint, note: bytes) -> None:
    data = {
        "origin": checkpoint.origin,
        "tree_size": checkpoint.size,
        "root_hash": base64.b64encode(checkpoint.root).decode("ascii"),
        "checkpoint": note.decode("utf-8"),
        "saved_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".verify-log-", suffix=".json", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------


class Reporter:
    def __init__(self, out):
        self.out = out
        self.passed = 0
        self.failed = 0

    def ok(self, message: str) -> None:
        self.passed += 1
        print(f"PASS {message}", file=self.out, flush=True)

    def fail(self, message: str) -> None:
        self.failed += 1
        print(f"FAIL {message}", file=self.out, flush=True)

    def check(self, condition: bool, passed: str, failed: str) -> bool:
        (self.ok if condition else self.fail)(passed if condition else failed)
        return condition

    def info(self, message: str) -> None:
        print(f"INFO {message}", file=self.out, flush=True)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _fetch_proof(client: Client, rep: Reporter, label: str, path: str, **params):
    """GET a proof endpoint; returns the JSON object, or None after reporting FAIL."""
    status, body, url = client.get(path, **params)
    if status != 200:
        rep.fail(f"{label}: HTTP {status} from {url}: {_snippet(body)}")
        return None, url
    try:
        return _json_object(body, url), url
    except ProtocolError as exc:
        rep.fail(f"{label}: {exc}")
        return None, url


def check_inclusion(client: Client, rep: Reporter, checkpoint: Checkpoint,
                    leaf_hashes: list[bytes] | None, indices: list[int]) -> None:
    size = checkpoint.size
    good = 0
    for index in indices:
        label = f"inclusion index {index}"
        obj, url = _fetch_proof(client, rep, label, "/transparency/proof/inclusion",
                                index=index, tree_size=size)
        if obj is None:
            continue
        try:
            if _field_count(obj, "index", url) != index or _field_count(obj, "tree_size", url) != size:
                raise ProtocolError(f"{url}: answer is for index {obj.get('index')!r}, "
                                    f"tree_size {obj.get('tree_size')!r}")
            served_leaf = _field_hash(obj.get("leaf_hash"), "leaf_hash", url)
            proof = _field_proof(obj, url)
        except ProtocolError as exc:
            rep.fail(f"{label}: {exc}")
            continue
        if leaf_hashes is not None:
            local = leaf_hashes[index]
            if served_leaf != local:
                rep.fail(f"{label}: served leaf_hash {_b64(served_leaf)} differs from the hash of "
                         f"the served entry {_b64(local)}")
                continue
        else:
            local = served_leaf
        if not verify_inclusion(index, size, local, proof, checkpoint.root):
            rep.fail(f"{label}: audit path ({len(proof)} hashes) does not lead to the checkpoint root")
            continue
        good += 1
    if indices and good == len(indices):
        shown = ", ".join(str(i) for i in indices[:6]) + (", ..." if len(indices) > 6 else "")
        rep.ok(f"inclusion: {good} sampled proofs verified against the checkpoint root "
               f"(indices {shown})")
    elif not indices:
        rep.info("inclusion: the tree is empty, no inclusion proofs to check")


def check_out_of_range(client: Client, rep: Reporter, size: int) -> None:
    status, body, url = client.get("/transparency/proof/inclusion", index=size, tree_size=size)
    if status != 400:
        rep.fail(f"out-of-range: {url} answered HTTP {status}, expected 400")
        return
    try:
        _json_object(body, url)
    except ProtocolError as exc:
        rep.fail(f"out-of-range: refused with HTTP 400 but the error is not a JSON object ({exc})")
        return
    rep.ok(f"out-of-range: inclusion proof for index {size} in a tree of {size} refused with HTTP 400")


def check_consistency_proof(client: Client, rep: Reporter, label: str, first: int, first_root: bytes,
                            checkpoint: Checkpoint, root_source: str) -> bool:
    second = checkpoint.size
    obj, url = _fetch_proof(client, rep, label, "/transparency/proof/consistency",
                            first=first, second=second)
    if obj is None:
        return False
    try:
        if _field_count(obj, "first", url) != first or _field_count(obj, "second", url) != second:
            raise ProtocolError(f"{url}: answer is for first {obj.get('first')!r}, "
                                f"second {obj.get('second')!r}")
        proof = _field_proof(obj, url)
    except ProtocolError as exc:
        rep.fail(f"{label}: {exc}")
        return False
    return rep.check(
        verify_consistency(first, second, first_root, checkpoint.root, proof),
        f"{label}: tree {first} is a prefix of tree {second} ({len(proof)}-hash proof verified)",
        f"{label}: proof ({len(proof)} hashes) does not show tree {first} "
        f"({root_source} root {_b64(first_root)}) is a prefix of the signed tree {second}",
    )


def check_state(client: Client, rep: Reporter, state: SavedState, state_path: str,
                checkpoint: Checkpoint, local_roots: dict[int, bytes]) -> None:
    label = f"consistency with saved checkpoint (size {state.size})"
    if state.origin != checkpoint.origin:
        rep.fail(f"{label}: state file {state_path} is for log {state.origin!r}, "
                 f"not {checkpoint.origin!r}")
        return
    if state.size > checkpoint.size:
        rep.fail(f"{label}: the log shrank from {state.size} to {checkpoint.size} entries")
        return
    if state.size == checkpoint.size:
        rep.check(state.root == checkpoint.root,
                  f"{label}: same size, same root",
                  f"{label}: same size {state.size} but the root changed from {_b64(state.root)} "
                  f"to {_b64(checkpoint.root)} (history was rewritten)")
        return
    if state.size == 0:
        rep.check(state.root == EMPTY_ROOT,
                  f"{label}: the empty tree is a prefix of every tree",
                  f"{label}: saved root for size 0 is not the empty-tree hash")
        return
    check_consistency_proof(client, rep, label, state.size, state.root, checkpoint, "saved")
    if state.size in local_roots:
        rep.check(local_roots[state.size] == state.root,
                  f"history: the served entries 0..{state.size - 1} still hash to the saved root",
                  f"history: the served entries 0..{state.size - 1} hash to "
                  f"{_b64(local_roots[state.size])}, not the saved root {_b64(state.root)}")


def audit(base_url: str, state_path: str | None, sample: int, timeout: float, out=None) -> int:
    """Run every check, print the report and return the exit status (0 or 1).

    Raises FetchError (network) and StateError (unreadable state file).
    """
    rep = Reporter(out if out is not None else sys.stdout)
    client = Client(base_url, timeout)
    state = load_state(state_path) if state_path else None

    # 1. Verifier key and checkpoint.
    key_body, key_url = client.get_ok("/transparency/key")
    key: VerifierKey | None = None
    try:
        key_text = key_body.decode("utf-8").strip()
        key = parse_verifier_key(key_text)
        rep.ok(f"key: verifier key {key.describe()} (Ed25519, key hash matches)")
    except (UnicodeDecodeError, NoteError) as exc:
        rep.fail(f"key: {key_url}: {exc}")

    note, note_url = client.get_ok("/transparency/checkpoint")
    checkpoint: Checkpoint | None = None
    signed = False
    if key is not None:
        try:
            text, ignored = open_signed_note(note, key)
            signed = True
            extra = f"; {ignored} signature line(s) from other keys ignored" if ignored else ""
            rep.ok(f"checkpoint signature: valid Ed25519 signature by {key.describe()}{extra}")
        except NoteError as exc:
            rep.fail(f"checkpoint signature: {exc}")
    if not signed:
        # Keep auditing the unverified body, so the report shows everything wrong.
        text = ""
        decoded = note.decode("utf-8", "replace")
        split = decoded.rfind("\n\n")
        if split >= 0:
            text = decoded[: split + 1]
    try:
        checkpoint = parse_checkpoint(text)
        rep.ok(f"checkpoint format: origin {checkpoint.origin!r}, size {checkpoint.size}, "
               f"root {_b64(checkpoint.root)}")
    except NoteError as exc:
        rep.fail(f"checkpoint format: {note_url}: {exc}")
    if checkpoint is not None and key is not None:
        rep.check(checkpoint.origin == key.name,
                  "checkpoint origin: equals the key name",
                  f"checkpoint origin: {checkpoint.origin!r} is not the key name {key.name!r}")
    if checkpoint is None:
        return _summary(rep, base_url, None)
    size = checkpoint.size

    # 2. Every entry, canonical form, and the root.
    leaf_hashes: list[bytes] | None = None
    try:
        leaves, requests = fetch_entries(client, size)
        rep.ok(f"entries: fetched {len(leaves)} entries in {requests} request(s)")
        leaf_hashes = [leaf_hash(leaf) for leaf in leaves]
        problems = []
        for index, leaf in enumerate(leaves):
            problem = canonical_json_problem(leaf)
            if problem:
                problems.append((index, problem))
        if problems:
            shown = "; ".join(f"leaf {i}: {p}" for i, p in problems[:5])
            more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
            rep.fail(f"canonical JSON: {len(problems)} of {size} leaves are not canonical JSON objects "
                     f"({shown}{more})")
        else:
            rep.ok(f"canonical JSON: all {size} leaves are canonical JSON objects")
    except ProtocolError as exc:
        rep.fail(f"entries: {exc}")

    wanted = set(internal_sizes(size)) | {size}
    if state is not None and state.size <= size:
        wanted.add(state.size)
    local_roots: dict[int, bytes] = {}
    if leaf_hashes is not None:
        local_roots = roots_at(leaf_hashes, wanted)
        rep.check(local_roots[size] == checkpoint.root,
                  f"root: the {size} served entries hash to the signed root",
                  f"root: the {size} served entries hash to {_b64(local_roots[size])}, but the "
                  f"checkpoint signs {_b64(checkpoint.root)} (an entry was changed, added or removed)")
    else:
        rep.fail("root: cannot recompute the root without the entries")

    # 3. Inclusion proofs and refusal of an out-of-range request.
    check_inclusion(client, rep, checkpoint, leaf_hashes, sample_indices(size, sample))
    check_out_of_range(client, rep, size)

    # 4. Consistency.
    if state_path:
        if state is None:
            rep.info(f"state: {state_path} does not exist; trusting this checkpoint on first use")
        else:
            check_state(client, rep, state, state_path, checkpoint, local_roots)
    for first in internal_sizes(size):
        label = f"consistency {first} -> {size}"
        if first not in local_roots:
            rep.fail(f"{label}: cannot compute the root of size {first} without the entries")
            continue
        check_consistency_proof(client, rep, label, first, local_roots[first], checkpoint, "locally computed")

    if state_path and rep.failed == 0:
        try:
            save_state(state_path, checkpoint, note)
        except OSError as exc:
            raise StateError(f"cannot write state file {state_path}: {exc}") from None
        rep.info(f"state: saved checkpoint (size {size}) to {state_path}")
    return _summary(rep, base_url, checkpoint)


def _summary(rep: Reporter, base_url: str, checkpoint: Checkpoint | None) -> int:
    where = f"{base_url}" + (f" (tree size {checkpoint.size})" if checkpoint else "")
    if rep.failed == 0 and rep.passed > 0:
        print(f"SUMMARY: all {rep.passed} checks passed; log at {where} verified", file=rep.out)
        return 0
    print(f"SUMMARY: {rep.failed} of {rep.passed + rep.failed} checks FAILED; log at {where} "
          f"is NOT verified", file=rep.out)
    return 1


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="verify-log.py",
        description="Verify a VillageWatch transparency log (RFC 6962/9162, C2SP signed-note, "
                    "tlog-checkpoint).")
    parser.add_argument("base_url", metavar="BASE_URL", help="server base URL, e.g. https://watch.example.org")
    parser.add_argument("--state", metavar="FILE", help="JSON file with the last verified checkpoint")
    parser.add_argument("--sample", metavar="N", type=_positive_int, default=64,
                        help="number of inclusion proofs to verify (default 64)")
    parser.add_argument("--timeout", metavar="S", type=_positive_float, default=30.0,
                        help="per-request timeout in seconds (default 30)")
    args = parser.parse_args(argv)
    parsed = urllib.parse.urlsplit(args.base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.query or parsed.fragment:
        parser.error(f"BASE_URL must be an http:// or https:// URL without query: {args.base_url!r}")
    try:
        return audit(args.base_url, args.state, args.sample, args.timeout)
    except FetchError as exc:
        print(f"ERROR: network error: {exc}", file=sys.stderr)
        return 2
    except StateError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
