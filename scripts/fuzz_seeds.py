#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into OUT/TARGET/, derived from the messages under SRC.

parse_analyse: whole messages; hollow_same: whole messages with a base64 part; authres: Authentication-Results values; html_scan: text/html parts;
zip_list: zip attachments plus a few built here (one normal, one with a lying central directory);
store_name: Maildir file names built from the messages' names and a few flag forms.
"""
import email
import email.policy
import io
import pathlib
import sys
import zipfile

src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
targets = ["parse_analyse", "hollow_same", "authres", "html_scan", "zip_list", "store_name"]
for t in targets:
    (out / t).mkdir(parents=True, exist_ok=True)


def put(target, name, data):
    (out / target / name).write_bytes(data)


n = 0
for path in sorted(p for p in src.rglob("*") if p.is_file() and p.suffix in (".eml", "")):
    raw = path.read_bytes()
    n += 1
    put("parse_analyse", f"m{n}", raw)
    if b"base64" in raw.lower():
        put("hollow_same", f"m{n}", raw)
    put("store_name", f"n{n}", f"17000{n:05}.M{n}P1.host:2,{'FS'[: n % 3]}".encode())
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    for i, value in enumerate(msg.get_all("Authentication-Results") or []):
        put("authres", f"a{n}-{i}", str(value).encode("utf-8", "replace"))
    for i, part in enumerate(msg.walk()):
        payload = part.get_payload(decode=True)
        if not payload:
            continue
        if part.get_content_type() == "text/html":
            put("html_scan", f"h{n}-{i}", payload)
        elif payload[:2] == b"PK":
            put("zip_list", f"z{n}-{i}", payload)

buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("invoice.pdf.exe", b"MZ" + b"\0" * 64)
    z.writestr("dir/readme.txt", b"hello")
good = buf.getvalue()
put("zip_list", "built-good", good)
eocd = good.rfind(b"PK\x05\x06")
lying = bytearray(good)
lying[eocd + 10 : eocd + 12] = (65535).to_bytes(2, "little")  # claims 65,535 entries
put("zip_list", "built-lying", bytes(lying))
for i, name in enumerate(["1700000000.a:2,", "1700000000.a:2,FRS,xyz", "x:1,odd", "new-name", "a:2,S:b"]):
    put("store_name", f"f{i}", name.encode())
print(f"seeds from {n} messages into {out}", file=sys.stderr)
