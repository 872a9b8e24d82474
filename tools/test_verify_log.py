"""Tests for tools/verify-log.py.

Run from the repository root:

    python3 -m unittest tools/test_verify_log.py

Only the standard library and `cryptography` are used. The Merkle reference
construction below is a deliberately naive, recursive transcription of the
RFC 6962 section 2.1 definitions (MTH, PATH, PROOF/SUBPROOF), independent of
the verifier's iterative code, so that the two check each other.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.util
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "verify-log.py")


def _load_verifier():
    spec = importlib.util.spec_from_file_location("verify_log", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["verify_log"] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


vl = _load_verifier()

# ---------------------------------------------------------------------------
# Naive RFC 6962 reference construction (test-only, independent of the verifier)
# ---------------------------------------------------------------------------


def ref_split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def ref_mth(data: list[bytes]) -> bytes:
    n = len(data)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = ref_split(n)
    return hashlib.sha256(b"\x01" + ref_mth(data[:k]) + ref_mth(data[k:])).digest()


def ref_path(m: int, data: list[bytes]) -> list[bytes]:
    """RFC 6962 2.1.1 PATH(m, D[n])."""
    n = len(data)
    if n == 1:
        return []
    k = ref_split(n)
    if m < k:
        return ref_path(m, data[:k]) + [ref_mth(data[k:])]
    return ref_path(m - k, data[k:]) + [ref_mth(data[:k])]


def ref_subproof(m: int, data: list[bytes], complete: bool) -> list[bytes]:
    """RFC 6962 2.1.2 SUBPROOF(m, D[n], b)."""
    n = len(data)
    if m == n:
        return [] if complete else [ref_mth(data)]
    k = ref_split(n)
    if m <= k:
        return ref_subproof(m, data[:k], complete) + [ref_mth(data[k:])]
    return ref_subproof(m - k, data[k:], False) + [ref_mth(data[:k])]


def ref_proof(m: int, data: list[bytes]) -> list[bytes]:
    """RFC 6962 2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true)."""
    return ref_subproof(m, data, True)


def flipped(raw: bytes, position: int) -> bytes:
    return raw[:position] + bytes([raw[position] ^ 0x01]) + raw[position + 1:]


# Certificate Transparency reference leaves and tree heads (as used by the
# RFC 6962 reference implementations, e.g. transparency-dev/merkle).
CT_LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f")]
CT_ROOTS = [bytes.fromhex(h) for h in (
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",  # size 0
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",  # size 8
)]
# (0-based leaf index, tree size, audit path)
CT_INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
# (first, second, proof)
CT_CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]


class TestRFC6962Vectors(unittest.TestCase):
    def test_reference_construction_matches_published_roots(self):
        for n in range(len(CT_LEAVES) + 1):
            self.assertEqual(ref_mth(CT_LEAVES[:n]), CT_ROOTS[n], f"size {n}")

    def test_roots(self):
        hashes = [vl.leaf_hash(d) for d in CT_LEAVES]
        roots = vl.roots_at(hashes, range(len(CT_LEAVES) + 1))
        for n in range(len(CT_LEAVES) + 1):
            self.assertEqual(roots[n], CT_ROOTS[n], f"size {n}")
            self.assertEqual(vl.merkle_root(hashes[:n]), CT_ROOTS[n], f"size {n}")
        self.assertEqual(vl.EMPTY_ROOT, hashlib.sha256(b"").digest())
        self.assertEqual(CT_ROOTS[8].hex(),
                         "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")

    def test_hash_prefixes(self):
        self.assertEqual(vl.leaf_hash(b""), CT_ROOTS[1])
        self.assertEqual(vl.node_hash(vl.leaf_hash(CT_LEAVES[0]), vl.leaf_hash(CT_LEAVES[1])), CT_ROOTS[2])

    def test_inclusion_vectors(self):
        for index, size, path in CT_INCLUSION:
            proof = [bytes.fromhex(p) for p in path]
            self.assertEqual(ref_path(index, CT_LEAVES[:size]), proof, f"reference PATH({index}, {size})")
            leaf = vl.leaf_hash(CT_LEAVES[index])
            self.assertTrue(vl.verify_inclusion(index, size, leaf, proof, CT_ROOTS[size]),
                            f"index {index} size {size}")
            self.assertFalse(vl.verify_inclusion(index, size, leaf, proof[:-1], CT_ROOTS[size]))
            self.assertFalse(vl.verify_inclusion(index, size, leaf, proof + [CT_ROOTS[size]], CT_ROOTS[size]))
            self.assertFalse(vl.verify_inclusion(index, size, leaf, proof, vl.EMPTY_ROOT))

    def test_consistency_vectors(self):
        for first, second, path in CT_CONSISTENCY:
            proof = [bytes.fromhex(p) for p in path]
            self.assertEqual(ref_proof(first, CT_LEAVES[:second]), proof, f"reference PROOF({first}, {second})")
            self.assertTrue(vl.verify_consistency(first, second, CT_ROOTS[first], CT_ROOTS[second], proof),
                            f"{first} -> {second}")
            if proof:
                self.assertFalse(vl.verify_consistency(first, second, CT_ROOTS[second], CT_ROOTS[first], proof))
                self.assertFalse(vl.verify_consistency(first, second, CT_ROOTS[first], CT_ROOTS[second], []))
                self.assertFalse(vl.verify_consistency(first, second, CT_ROOTS[first], CT_ROOTS[second],
                                                       proof[:-1]))
                self.assertFalse(vl.verify_consistency(first, second, CT_ROOTS[first], CT_ROOTS[second],
                                                       proof + [CT_ROOTS[second]]))

    def test_edge_cases(self):
        h = vl.leaf_hash(b"data")
        self.assertTrue(vl.verify_inclusion(0, 1, h, [], h))
        self.assertFalse(vl.verify_inclusion(0, 0, h, [], h))
        self.assertFalse(vl.verify_inclusion(1, 1, h, [], h))
        self.assertFalse(vl.verify_inclusion(0, 1, h, [], vl.EMPTY_ROOT))
        self.assertFalse(vl.verify_inclusion(0, 1, b"short", [], b"short"))
        self.assertFalse(vl.verify_inclusion(-1, 1, h, [], h))
        # Consistency with the empty tree and with itself.
        self.assertTrue(vl.verify_consistency(0, 0, vl.EMPTY_ROOT, vl.EMPTY_ROOT, []))
        self.assertTrue(vl.verify_consistency(0, 5, vl.EMPTY_ROOT, CT_ROOTS[5], []))
        self.assertFalse(vl.verify_consistency(0, 5, vl.EMPTY_ROOT, CT_ROOTS[5], [CT_ROOTS[1]]))
        self.assertFalse(vl.verify_consistency(0, 5, CT_ROOTS[1], CT_ROOTS[5], []))
        self.assertTrue(vl.verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[5], []))
        self.assertFalse(vl.verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[6], []))
        self.assertFalse(vl.verify_consistency(5, 5, CT_ROOTS[5], CT_ROOTS[5], [CT_ROOTS[5]]))
        # Time travel to the past.
        self.assertFalse(vl.verify_consistency(6, 5, CT_ROOTS[6], CT_ROOTS[5], []))
        self.assertFalse(vl.verify_consistency(2, 1, CT_ROOTS[2], CT_ROOTS[1], [CT_ROOTS[1]]))


MAX_PROPERTY_SIZE = 64


class TestProofProperties(unittest.TestCase):
    """Every proof of the naive RFC construction verifies; every corruption fails."""

    @classmethod
    def setUpClass(cls):
        # Distinct leaves of varying length.
        cls.data = [f"record {i}:".encode() + bytes(range(i % 7)) for i in range(MAX_PROPERTY_SIZE)]
        cls.hashes = [vl.leaf_hash(d) for d in cls.data]
        cls.roots = [ref_mth(cls.data[:n]) for n in range(MAX_PROPERTY_SIZE + 1)]

    def test_local_roots_match_naive_mth(self):
        computed = vl.roots_at(self.hashes, range(MAX_PROPERTY_SIZE + 1))
        for n in range(MAX_PROPERTY_SIZE + 1):
            self.assertEqual(computed[n], self.roots[n], f"size {n}")

    def test_inclusion_proofs(self):
        sizes = range(1, MAX_PROPERTY_SIZE + 1)
        for n in sizes:
            root = self.roots[n]
            for i in range(n):
                proof = ref_path(i, self.data[:n])
                leaf = self.hashes[i]
                where = f"index {i} size {n}"
                self.assertTrue(vl.verify_inclusion(i, n, leaf, proof, root), where)
                # Any flipped byte in the path, the leaf hash or the root.
                for j, node in enumerate(proof):
                    for b in range(len(node)):
                        bad = proof[:j] + [flipped(node, b)] + proof[j + 1:]
                        self.assertFalse(vl.verify_inclusion(i, n, leaf, bad, root), f"{where} proof[{j}] byte {b}")
                for b in range(32):
                    self.assertFalse(vl.verify_inclusion(i, n, flipped(leaf, b), proof, root), f"{where} leaf byte {b}")
                    self.assertFalse(vl.verify_inclusion(i, n, leaf, proof, flipped(root, b)), f"{where} root byte {b}")
                # A wrong tree size, with the root of that size or with this root
                # doubled/halved (the probes of the CT reference tests).
                for other in sizes:
                    if other != n:
                        self.assertFalse(vl.verify_inclusion(i, other, leaf, proof, self.roots[other]),
                                         f"{where} claimed size {other}")
                self.assertFalse(vl.verify_inclusion(i, n * 2, leaf, proof, root), f"{where} size*2")
                self.assertFalse(vl.verify_inclusion(i, n // 2, leaf, proof, root), f"{where} size/2")
                # A wrong index.
                for other in range(n):
                    if other != i:
                        self.assertFalse(vl.verify_inclusion(other, n, leaf, proof, root), f"{where} index {other}")
                # Truncated or extended paths.
                if proof:
                    self.assertFalse(vl.verify_inclusion(i, n, leaf, proof[:-1], root), f"{where} truncated")
                    self.assertFalse(vl.verify_inclusion(i, n, leaf, proof[1:], root), f"{where} first dropped")
                self.assertFalse(vl.verify_inclusion(i, n, leaf, proof + [root], root), f"{where} extended")
                # Extended path with a root that matches the longer computation:
                # only the RFC's tree-size bookkeeping (sn) can reject it.
                longer = vl.node_hash(root, root)
                self.assertFalse(vl.verify_inclusion(i, n, leaf, proof + [root], longer), f"{where} extended root")
                self.assertFalse(vl.verify_inclusion(i, n, leaf, [leaf] + proof, root), f"{where} prepended")

    def test_consistency_proofs(self):
        sizes = range(1, MAX_PROPERTY_SIZE + 1)
        for n in sizes:
            for m in range(0, n + 1):
                proof = ref_proof(m, self.data[:n]) if m > 0 else []
                first, second = self.roots[m], self.roots[n]
                where = f"{m} -> {n}"
                self.assertTrue(vl.verify_consistency(m, n, first, second, proof), where)
                if m in (0, n):
                    self.assertEqual(proof, [])
                    self.assertFalse(vl.verify_consistency(m, n, first, second, [second]), f"{where} non-empty")
                    continue
                for j, node in enumerate(proof):
                    for b in range(len(node)):
                        bad = proof[:j] + [flipped(node, b)] + proof[j + 1:]
                        self.assertFalse(vl.verify_consistency(m, n, first, second, bad),
                                         f"{where} proof[{j}] byte {b}")
                for b in range(32):
                    self.assertFalse(vl.verify_consistency(m, n, flipped(first, b), second, proof),
                                     f"{where} first root byte {b}")
                    self.assertFalse(vl.verify_consistency(m, n, first, flipped(second, b), proof),
                                     f"{where} second root byte {b}")
                # Wrong sizes, with the roots of the claimed sizes.
                for other in range(1, n + 1):
                    if other != m:
                        self.assertFalse(vl.verify_consistency(other, n, self.roots[other], second, proof),
                                         f"{where} claimed first {other}")
                for other in range(m, MAX_PROPERTY_SIZE + 1):
                    if other != n:
                        self.assertFalse(vl.verify_consistency(m, other, first, self.roots[other], proof),
                                         f"{where} claimed second {other}")
                # Wrong sizes with the original roots (CT reference probes).
                for other in (m - 1, m + 1, m ^ 2):
                    if other != m:
                        self.assertFalse(vl.verify_consistency(other, n, first, second, proof), f"{where} first {other}")
                for other in (n * 2, n // 2):
                    self.assertFalse(vl.verify_consistency(m, other, first, second, proof), f"{where} second {other}")
                self.assertFalse(vl.verify_consistency(m, n, second, first, proof), f"{where} swapped roots")
                self.assertFalse(vl.verify_consistency(m, n, first, second, []), f"{where} empty proof")
                self.assertFalse(vl.verify_consistency(m, n, first, second, proof[:-1]), f"{where} truncated")
                self.assertFalse(vl.verify_consistency(m, n, first, second, proof + [second]), f"{where} extended")
                self.assertFalse(vl.verify_consistency(m, n, first, second, [first] + proof), f"{where} prepended")
                self.assertFalse(vl.verify_consistency(m, n, first, second, [proof[0]] + proof),
                                 f"{where} proof[0] repeated")


# ---------------------------------------------------------------------------
# Signed notes (test-side construction, from c2sp.org/signed-note)
# ---------------------------------------------------------------------------

EM_DASH = "\u2014"
ED25519_TYPE = bytes([1])


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def raw_public_key(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def note_key_hash(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + b"\x01" + public_key).digest()[:4]


def verifier_key_string(name: str, private_key: Ed25519PrivateKey, key_hash: bytes | None = None) -> str:
    pub = raw_public_key(private_key)
    kh = note_key_hash(name, pub) if key_hash is None else key_hash
    return f"{name}+{kh.hex()}+{b64(ED25519_TYPE + pub)}"


def checkpoint_text(origin: str, size: int, root: bytes, extensions=()) -> str:
    return f"{origin}\n{size}\n{b64(root)}\n" + "".join(f"{e}\n" for e in extensions)


def signature_line(name: str, private_key: Ed25519PrivateKey, text: str, key_hash: bytes | None = None) -> str:
    kh = note_key_hash(name, raw_public_key(private_key)) if key_hash is None else key_hash
    return f"{EM_DASH} {name} {b64(kh + private_key.sign(text.encode('utf-8')))}\n"


def signed_note(text: str, *lines: str) -> bytes:
    return (text + "\n" + "".join(lines)).encode("utf-8")


class TestSignedNote(unittest.TestCase):
    NAME = "villagewatch.example/log"

    def setUp(self):
        self.priv = Ed25519PrivateKey.generate()
        self.key = vl.parse_verifier_key(verifier_key_string(self.NAME, self.priv))
        self.root = CT_ROOTS[8]
        self.text = checkpoint_text(self.NAME, 8, self.root)

    def good_note(self, text=None):
        text = self.text if text is None else text
        return signed_note(text, signature_line(self.NAME, self.priv, text))

    def test_key_parsing(self):
        self.assertEqual(self.key.name, self.NAME)
        self.assertEqual(self.key.public_key, raw_public_key(self.priv))
        self.assertEqual(self.key.key_hash, note_key_hash(self.NAME, raw_public_key(self.priv)))

    def test_key_whose_base64_contains_plus(self):
        # The name and hash never contain '+', but base64 often does.
        for _ in range(1000):
            priv = Ed25519PrivateKey.generate()
            text = verifier_key_string(self.NAME, priv)
            if "+" in text.split("+", 2)[2]:
                self.assertEqual(vl.parse_verifier_key(text).public_key, raw_public_key(priv))
                return
        self.fail("no key with '+' in its base64 found")

    def test_key_rejections(self):
        good = verifier_key_string(self.NAME, self.priv)
        name, kh, key = good.split("+", 2)
        wrong_hash = f"{int(kh, 16) ^ 1:08x}"
        pub = raw_public_key(self.priv)
        for bad in (
            f"{name}+{wrong_hash}+{key}",                       # wrong key hash
            f"other.example+{kh}+{key}",                        # hash computed for another name
            f"{name}+{kh}",                                     # missing part
            f"{name}+{kh[:6]}+{key}",                           # short hash
            f"{name}+{kh}+{b64(bytes([2]) + pub)}",                # not Ed25519
            f"{name}+{kh}+{b64(ED25519_TYPE + pub[:31])}",           # short key
            f"{name}+{kh}+{key[:-1]}",                          # broken base64
            f"bad name+{kh}+{key}",                             # space in name
            f"{name}+{kh}+{key}\n{name}+{kh}+{key}",            # two lines
        ):
            with self.assertRaises(vl.NoteError, msg=bad):
                vl.parse_verifier_key(bad)

    def test_valid_checkpoint(self):
        checkpoint = vl.verify_checkpoint(self.good_note(), self.key)
        self.assertEqual(checkpoint.origin, self.NAME)
        self.assertEqual(checkpoint.size, 8)
        self.assertEqual(checkpoint.root, self.root)
        self.assertEqual(checkpoint.extensions, ())
        self.assertEqual(checkpoint.text, self.text)

    def test_signature_covers_text_with_final_newline(self):
        sig = self.priv.sign(self.text.encode())
        self.assertTrue(self.text.endswith("\n"))
        note = signed_note(self.text, f"{EM_DASH} {self.NAME} {b64(self.key.key_hash + sig)}\n")
        vl.verify_checkpoint(note, self.key)
        sig_without_newline = self.priv.sign(self.text[:-1].encode())
        note = signed_note(self.text, f"{EM_DASH} {self.NAME} {b64(self.key.key_hash + sig_without_newline)}\n")
        with self.assertRaises(vl.NoteError):
            vl.verify_checkpoint(note, self.key)

    def test_extension_lines_and_unknown_signatures(self):
        text = checkpoint_text(self.NAME, 8, self.root, ["ext one", "ext two"])
        witness = Ed25519PrivateKey.generate()
        note = signed_note(
            text,
            signature_line("witness.example/w1", witness, text),
            signature_line(self.NAME, self.priv, text),
            # Same name, different key (e.g. a rotated key): unknown, ignored.
            signature_line(self.NAME, witness, text),
            # Unknown key with a garbage signature: ignored.
            f"{EM_DASH} other.example {b64(b'abcd' + bytes(64))}\n",
        )
        checkpoint = vl.verify_checkpoint(note, self.key)
        self.assertEqual(checkpoint.extensions, ("ext one", "ext two"))
        _, ignored = vl.open_signed_note(note, self.key)
        self.assertEqual(ignored, 3)

    def test_tampered_body(self):
        note = self.good_note()
        tampered = note.replace(b"\n8\n", b"\n9\n", 1)
        self.assertNotEqual(note, tampered)
        with self.assertRaises(vl.NoteError):
            vl.verify_checkpoint(tampered, self.key)
        other_root = note.replace(b64(self.root).encode(), b64(CT_ROOTS[7]).encode(), 1)
        with self.assertRaises(vl.NoteError):
            vl.verify_checkpoint(other_root, self.key)

    def test_wrong_key_hash_in_signature(self):
        wrong = bytes(b ^ 0xFF for b in self.key.key_hash)
        note = signed_note(self.text, signature_line(self.NAME, self.priv, self.text, key_hash=wrong))
        with self.assertRaisesRegex(vl.NoteError, "no signature"):
            vl.verify_checkpoint(note, self.key)

    def test_wrong_key_hash_in_verifier_key(self):
        name, kh, key = verifier_key_string(self.NAME, self.priv).split("+", 2)
        with self.assertRaises(vl.NoteError):
            vl.parse_verifier_key(f"{name}+{'00000000' if kh != '00000000' else '00000001'}+{key}")

    def test_missing_signature(self):
        with self.assertRaises(vl.NoteError):
            vl.verify_checkpoint(self.text.encode(), self.key)  # no blank line, no signatures
        with self.assertRaises(vl.NoteError):
            vl.verify_checkpoint((self.text + "\n").encode(), self.key)  # blank line, no signatures
        other = Ed25519PrivateKey.generate()
        note = signed_note(self.text, signature_line("someone.else", other, self.text))
        with self.assertRaisesRegex(vl.NoteError, "no signature"):
            vl.verify_checkpoint(note, self.key)

    def test_bad_signature_from_known_key_is_fatal(self):
        sig = bytearray(self.priv.sign(self.text.encode()))
        sig[10] ^= 0x40
        bad_line = f"{EM_DASH} {self.NAME} {b64(self.key.key_hash + bytes(sig))}\n"
        for lines in ([bad_line], [bad_line, signature_line(self.NAME, self.priv, self.text)]):
            with self.assertRaisesRegex(vl.NoteError, "invalid signature"):
                vl.verify_checkpoint(signed_note(self.text, *lines), self.key)

    def test_origin_must_equal_key_name(self):
        text = checkpoint_text("another.origin/log", 8, self.root)
        note = signed_note(text, signature_line(self.NAME, self.priv, text))
        vl.open_signed_note(note, self.key)  # the signature itself is fine
        with self.assertRaisesRegex(vl.NoteError, "origin"):
            vl.verify_checkpoint(note, self.key)

    def test_malformed_notes(self):
        good = self.good_note()
        sig_line = signature_line(self.NAME, self.priv, self.text)
        cases = {
            "hyphens instead of em dash": good.replace(EM_DASH.encode(), b"--"),
            "no trailing newline": good[:-1],
            "control character": signed_note(self.text.replace("\n", "\r\n", 1), sig_line),
            "invalid utf-8": good + b"\xff\n",
            "malformed signature line": good + b"garbage\n",
            "signature not base64": signed_note(self.text, f"{EM_DASH} {self.NAME} !!!!\n"),
        }
        for label, note in cases.items():
            with self.assertRaises(vl.NoteError, msg=label):
                vl.verify_checkpoint(note, self.key)

    def test_checkpoint_body_rules(self):
        def signed(text):
            return signed_note(text, signature_line(self.NAME, self.priv, text))

        root = b64(self.root)
        for label, text in {
            "leading zero": f"{self.NAME}\n08\n{root}\n",
            "negative": f"{self.NAME}\n-8\n{root}\n",
            "not a number": f"{self.NAME}\neight\n{root}\n",
            "short root": f"{self.NAME}\n8\n{b64(self.root[:31])}\n",
            "root not base64": f"{self.NAME}\n8\n{root[:-2]}\n",
            "missing root": f"{self.NAME}\n8\n",
            "empty extension line": f"{self.NAME}\n8\n{root}\n\next\n",
        }.items():
            with self.assertRaises(vl.NoteError, msg=label):
                vl.verify_checkpoint(signed(text), self.key)
        self.assertEqual(vl.verify_checkpoint(signed(f"{self.NAME}\n0\n{b64(vl.EMPTY_ROOT)}\n"), self.key).size, 0)


class TestHelpers(unittest.TestCase):
    def test_canonical_json(self):
        self.assertIsNone(vl.canonical_json_problem(b'{"a":1,"b":[true,null,"x"]}'))
        self.assertIsNone(vl.canonical_json_problem('{"name":"Stra\u00dfe \u2014 \u00fc"}'.encode()))
        for bad in (b'{"b":1,"a":2}', b'{"a": 1}', b'{"a":1}\n', b'[1,2]', b'"text"', b'{"a":"\\u00e9"}',
                    b'{"a":1,"a":1}', b'{"a":NaN}', b'{"a":1e2}', b'\xff', b'{"a":', b'\xef\xbb\xbf{"a":1}'):
            self.assertIsNotNone(vl.canonical_json_problem(bad), bad)

    def test_sampling(self):
        self.assertEqual(vl.sample_indices(0, 64), [])
        self.assertEqual(vl.sample_indices(50, 64), list(range(50)))
        for size in (65, 100, 1000, 123457):
            picked = vl.sample_indices(size, 64)
            self.assertEqual(len(picked), 64)
            self.assertEqual(picked[0], 0)
            self.assertEqual(picked[-1], size - 1)
            self.assertEqual(picked, sorted(set(picked)))
            self.assertEqual(picked, vl.sample_indices(size, 64))
        self.assertEqual(vl.sample_indices(10, 1), [0])
        self.assertEqual(vl.sample_indices(10, 2), [0, 9])

    def test_internal_sizes(self):
        self.assertEqual(vl.internal_sizes(0), [])
        self.assertEqual(vl.internal_sizes(1), [])
        self.assertEqual(vl.internal_sizes(2), [1])
        self.assertEqual(vl.internal_sizes(50), [1, 25, 49])


# ---------------------------------------------------------------------------
# End to end against a fake server
# ---------------------------------------------------------------------------


def canonical(record: dict) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def make_record(i: int) -> bytes:
    return canonical({"id": i, "kind": "report", "title": f"Stra\u00dfenlaterne #{i} defekt",
                      "published_at": f"2024-05-{1 + i % 28:02d}T10:{i % 60:02d}:00Z", "votes": i * 3})


class FakeLog:
    """A tiny in-memory log. `tree` holds the leaves as they were appended (the
    tree hashes are fixed at append time); `rows` is the current database,
    from which the entries endpoint derives its leaf bytes."""

    def __init__(self, n: int, name: str = "villagewatch.test/log", page_limit: int = 1000):
        self.name = name
        self.priv = Ed25519PrivateKey.generate()
        self.page_limit = page_limit
        self.rows = [make_record(i) for i in range(n)]
        self.tree = list(self.rows)
        self.refuse_out_of_range = True
        self.corrupt_inclusion_index = None
        self.wrong_leaf_hash_index = None
        self.origin = name
        self.key_status = 200
        self.entry_requests = []
        self.sign()

    def append(self, k: int) -> None:
        for _ in range(k):
            leaf = make_record(len(self.tree))
            self.rows.append(leaf)
            self.tree.append(leaf)
        self.sign()

    def sign(self, signer: Ed25519PrivateKey | None = None, extra_lines=()) -> None:
        text = checkpoint_text(self.origin, len(self.tree), ref_mth(self.tree))
        self.checkpoint = signed_note(text, *extra_lines, signature_line(self.name, signer or self.priv, text))

    def key_line(self) -> str:
        return verifier_key_string(self.name, self.priv) + "\n"

    def handle(self, path: str, query: dict) -> tuple[int, str, bytes]:
        def number(name):
            return int(query[name][0])

        def error(message):
            return 400, "application/json", json.dumps({"error": message}).encode()

        def ok(obj):
            return 200, "application/json", json.dumps(obj).encode()

        size = len(self.tree)
        try:
            if path == "/transparency/key":
                return self.key_status, "text/plain; charset=utf-8", self.key_line().encode()
            if path == "/transparency/checkpoint":
                return 200, "text/plain; charset=utf-8", self.checkpoint
            if path == "/transparency/entries":
                start, end = number("start"), number("end")
                self.entry_requests.append((start, end))
                if not 0 <= start < end <= size:
                    return error("range out of bounds")
                end = min(end, start + self.page_limit)
                return ok({"entries": [{"index": i, "leaf": b64(self.rows[i])} for i in range(start, end)]})
            if path == "/transparency/proof/inclusion":
                index, tree_size = number("index"), number("tree_size")
                if not (0 <= index < tree_size <= size) and self.refuse_out_of_range:
                    return error("index out of range")
                if not 0 < tree_size <= size:
                    return error("tree_size out of range")
                index = min(index, tree_size - 1)
                proof = ref_path(index, self.tree[:tree_size])
                if index == self.corrupt_inclusion_index:
                    proof[0] = flipped(proof[0], 5)
                served_leaf = vl.leaf_hash(self.tree[index])
                if index == self.wrong_leaf_hash_index:
                    served_leaf = vl.leaf_hash(b"something else")
                return ok({"index": index, "tree_size": tree_size,
                           "leaf_hash": b64(served_leaf), "proof": [b64(p) for p in proof]})
            if path == "/transparency/proof/consistency":
                first, second = number("first"), number("second")
                if not 0 < first <= second <= size:
                    return error("sizes out of range")
                return ok({"first": first, "second": second,
                           "proof": [b64(p) for p in ref_proof(first, self.tree[:second])]})
        except (KeyError, ValueError):
            return error("bad parameters")
        return 404, "application/json", b'{"error":"not found"}'


class FakeServer:
    def __init__(self, log: FakeLog):
        self.log = log
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parsed = urllib.parse.urlsplit(self.path)
                status, ctype, body = outer.log.handle(parsed.path, urllib.parse.parse_qs(parsed.query))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def run_verifier(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = vl.main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return code, out.getvalue(), err.getvalue()


class TestEndToEnd(unittest.TestCase):
    def start(self, log: FakeLog) -> str:
        server = FakeServer(log)
        self.addCleanup(server.close)
        return server.url

    def state_path(self) -> str:
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        return os.path.join(directory.name, "state.json")

    def assertPasses(self, code, out, err):
        self.assertEqual(code, 0, out + err)
        self.assertNotIn("FAIL", out)
        self.assertIn("SUMMARY: all", out)

    def assertFailsWith(self, code, out, err, *needles):
        self.assertEqual(code, 1, out + err)
        self.assertIn("NOT verified", out)
        for needle in needles:
            self.assertIn(needle, out)

    def test_honest_log_passes(self):
        log = FakeLog(50)
        url = self.start(log)
        code, out, err = run_verifier(url, "--timeout", "10")
        self.assertPasses(code, out, err)
        for check in ("PASS key:", "PASS checkpoint signature:", "PASS checkpoint origin:", "PASS entries:",
                      "PASS canonical JSON:", "PASS root:", "PASS inclusion: 50 sampled",
                      "PASS out-of-range:", "PASS consistency 1 -> 50", "PASS consistency 25 -> 50",
                      "PASS consistency 49 -> 50"):
            self.assertIn(check, out)

    def test_edited_leaf_fails(self):
        log = FakeLog(50)
        url = self.start(log)
        self.assertEqual(run_verifier(url)[0], 0)
        record = json.loads(log.rows[17])
        record["title"] = "edited after publication"
        log.rows[17] = canonical(record)  # still canonical JSON, but not what was logged
        state = self.state_path()
        code, out, err = run_verifier(url, "--state", state)
        self.assertFailsWith(code, out, err, "FAIL root:", "FAIL inclusion index 17:")
        self.assertIn("PASS checkpoint signature:", out)
        self.assertFalse(os.path.exists(state), "state must not be saved after a failure")

    def test_bad_checkpoint_signature_fails(self):
        log = FakeLog(50)
        text = log.checkpoint.decode().split("\n\n")[0] + "\n"
        sig = bytearray(log.priv.sign(text.encode()))
        sig[0] ^= 1
        kh = note_key_hash(log.name, raw_public_key(log.priv))
        log.checkpoint = signed_note(text, f"{EM_DASH} {log.name} {b64(kh + bytes(sig))}\n")
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL checkpoint signature: invalid signature")

    def test_checkpoint_signed_by_another_key_fails(self):
        log = FakeLog(20)
        log.sign(signer=Ed25519PrivateKey.generate())
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL checkpoint signature: no signature")

    def test_cosignatures_are_ignored(self):
        log = FakeLog(20)
        witness = Ed25519PrivateKey.generate()
        text = checkpoint_text(log.name, 20, ref_mth(log.tree))
        log.sign(extra_lines=[signature_line("witness.example/w", witness, text)])
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertPasses(code, out, err)
        self.assertIn("1 signature line(s) from other keys ignored", out)

    def test_state_file_and_consistency(self):
        log = FakeLog(50)
        url = self.start(log)
        state = self.state_path()

        code, out, err = run_verifier(url, "--state", state)
        self.assertPasses(code, out, err)
        self.assertIn("trusting this checkpoint on first use", out)
        with open(state, encoding="utf-8") as handle:
            saved = json.load(handle)
        self.assertEqual((saved["origin"], saved["tree_size"]), (log.name, 50))
        self.assertEqual(base64.b64decode(saved["root_hash"]), ref_mth(log.tree))

        log.append(13)
        code, out, err = run_verifier(url, "--state", state)
        self.assertPasses(code, out, err)
        self.assertIn("PASS consistency with saved checkpoint (size 50)", out)
        self.assertIn("PASS history:", out)
        with open(state, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle)["tree_size"], 63)

        code, out, err = run_verifier(url, "--state", state)  # unchanged log, same size
        self.assertPasses(code, out, err)
        self.assertIn("same size, same root", out)

        # History rewritten and honestly re-signed: only the saved state notices.
        log.rows[3] = log.tree[3] = make_record(1003)
        log.append(2)
        code, out, err = run_verifier(url, "--state", state)
        self.assertFailsWith(code, out, err, "FAIL consistency with saved checkpoint (size 63)", "FAIL history:")
        self.assertIn("PASS root:", out)
        with open(state, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle)["tree_size"], 63, "state must keep the last good checkpoint")

    def test_rewrite_at_same_size_fails(self):
        log = FakeLog(30)
        url = self.start(log)
        state = self.state_path()
        self.assertEqual(run_verifier(url, "--state", state)[0], 0)
        log.rows[29] = log.tree[29] = make_record(999)
        log.sign()
        code, out, err = run_verifier(url, "--state", state)
        self.assertFailsWith(code, out, err, "same size 30 but the root changed")

    def test_shrunk_log_fails(self):
        log = FakeLog(30)
        url = self.start(log)
        state = self.state_path()
        self.assertEqual(run_verifier(url, "--state", state)[0], 0)
        del log.rows[25:], log.tree[25:]
        log.sign()
        code, out, err = run_verifier(url, "--state", state)
        self.assertFailsWith(code, out, err, "the log shrank from 30 to 25 entries")

    def test_state_for_another_log_fails(self):
        url_a = self.start(FakeLog(10, name="a.example/log"))
        url_b = self.start(FakeLog(10, name="b.example/log"))
        state = self.state_path()
        self.assertEqual(run_verifier(url_a, "--state", state)[0], 0)
        code, out, err = run_verifier(url_b, "--state", state)
        self.assertFailsWith(code, out, err, "is for log 'a.example/log'")

    def test_unreadable_state_is_a_usage_error(self):
        url = self.start(FakeLog(5))
        state = self.state_path()
        with open(state, "w", encoding="utf-8") as handle:
            handle.write("not json")
        code, out, err = run_verifier(url, "--state", state)
        self.assertEqual(code, 2)
        self.assertIn(state, err)

    def test_paging(self):
        log = FakeLog(50, page_limit=7)
        url = self.start(log)
        code, out, err = run_verifier(url, "--sample", "5")
        self.assertPasses(code, out, err)
        self.assertIn("fetched 50 entries in 8 request(s)", out)
        self.assertIn("PASS inclusion: 5 sampled", out)

    def test_paging_over_1000(self):
        log = FakeLog(1500)
        url = self.start(log)
        code, out, err = run_verifier(url, "--sample", "16")
        self.assertPasses(code, out, err)
        self.assertIn("fetched 1500 entries in 2 request(s)", out)
        self.assertEqual(log.entry_requests, [(0, 1000), (1000, 1500)])
        self.assertIn("PASS consistency 750 -> 1500", out)

    def test_empty_log_passes(self):
        url = self.start(FakeLog(0))
        code, out, err = run_verifier(url)
        self.assertPasses(code, out, err)
        self.assertIn("PASS root:", out)

    def test_non_canonical_leaf_fails(self):
        log = FakeLog(20)
        log.rows[4] = log.tree[4] = b'{"id": 4, "kind": "report"}'
        log.sign()
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL canonical JSON: 1 of 20 leaves", "leaf 4:")
        self.assertIn("PASS root:", out)

    def test_corrupt_inclusion_proof_fails(self):
        log = FakeLog(40)
        log.corrupt_inclusion_index = 39
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL inclusion index 39:")

    def test_served_leaf_hash_must_match_entry(self):
        log = FakeLog(40)
        log.wrong_leaf_hash_index = 0
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL inclusion index 0: served leaf_hash")

    def test_origin_must_equal_key_name(self):
        log = FakeLog(10)
        log.origin = "somewhere.else/log"
        log.sign()
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL checkpoint origin:")
        self.assertIn("PASS checkpoint signature:", out)

    def test_out_of_range_must_be_refused(self):
        log = FakeLog(10)
        log.refuse_out_of_range = False
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertFailsWith(code, out, err, "FAIL out-of-range:")

    def test_network_error_exits_2(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        code, out, err = run_verifier(url, "--timeout", "5")
        self.assertEqual(code, 2)
        self.assertIn(f"{url}/transparency/key", err)

    def test_http_error_on_key_exits_2(self):
        log = FakeLog(3)
        log.key_status = 500
        url = self.start(log)
        code, out, err = run_verifier(url)
        self.assertEqual(code, 2)
        self.assertIn("HTTP 500", err)
        self.assertIn(f"{url}/transparency/key", err)

    def test_usage_errors_exit_2(self):
        for argv in ([], ["ftp://example.org"], ["http://example.org", "--sample", "0"],
                     ["http://example.org", "--timeout", "-1"]):
            code, _, _ = run_verifier(*argv)
            self.assertEqual(code, 2, argv)

    def test_script_is_executable_with_help(self):
        self.assertTrue(os.access(SCRIPT, os.X_OK))
        result = subprocess.run([sys.executable, SCRIPT, "--help"], capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("BASE_URL", result.stdout)
        self.assertIn("Usage", vl.__doc__)


if __name__ == "__main__":
    unittest.main()
