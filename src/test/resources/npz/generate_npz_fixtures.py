#!/usr/bin/python3
"""Writes the .npz files that NpzReaderTest reads: archives as NumPy writes them, and hostile ones.
Run with Debian's python3-numpy (the build never needs it):

    /usr/bin/python3 src/test/resources/npz/generate_npz_fixtures.py
"""
import io
import os
import zipfile
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def archive(name, entries, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path(name), "w", compression) as z:
        for entry, data in entries:
            z.writestr(entry, data)


logits = np.array([[1.0, 2.0, 0.5], [0.3, -1.0, 2.5]])
np.savez(path("savez.npz"), logits=logits, labels=np.array([1, 2], dtype=np.int64), reduction="sum")
np.savez_compressed(path("savez_compressed.npz"),
                    logits=np.asfortranarray(logits.astype(">f4")),
                    labels=np.array([1, 2], dtype=np.uint8), gradients=np.array(True), alpha=np.array([]),
                    name=np.array("\u00e9t\u00e9 \U0001F600"))
np.savez(path("rank3_fortran_bigendian.npz"), x=np.asfortranarray(np.arange(24, dtype=">f8").reshape(2, 3, 4)))
# A rank-5 batch [N x C x S1 x S2 x S3] in Fortran order and big-endian float32 (exact: multiples of 1/4),
# with per-sample labels and weights: DeclaredTensorInputTest reads it beside the same numbers as JSON.
volumes = (np.arange(2 * 3 * 2 * 3 * 4, dtype=np.float64) / 4).reshape(2, 3, 2, 3, 4)
np.savez(path("rank5_volumes.npz"), volumes=np.asfortranarray(volumes.astype(">f4")),
         labels=np.array([0, 2], dtype=np.int32), sampleWeights=np.array([1.0, 0.5]))
archive("pickled.npz", [("x.npy", npy_bytes(np.array([{"a": 1}], dtype=object)))])
archive("duplicate.npz", [("x.npy", npy_bytes(logits)), ("x.npy", npy_bytes(logits))])
archive("unknown_entry.npz", [("x.npy", npy_bytes(logits)), ("README.txt", b"hello")])
inner = io.BytesIO()
np.savez(inner, x=logits)
archive("nested.npz", [("inner.npz", inner.getvalue())])
full = npy_bytes(logits)
archive("truncated_data.npz", [("x.npy", full[:-8])])
archive("extra_data.npz", [("x.npy", full + b"\0" * 16)])
with open(path("truncated_archive.npz"), "wb") as f:
    f.write(open(path("savez.npz"), "rb").read()[:100])
# A header declaring 20000 x 20000 float64 (3.2 GB) over 8 MB of zeros, deflated to a few KB.
header = "{'descr': '<f8', 'fortran_order': False, 'shape': (20000, 20000), }"
header += " " * (63 - (10 + len(header)) % 64) + "\n"
bomb = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + b"\0" * (8 << 20)
archive("bomb.npz", [("x.npy", bomb)], zipfile.ZIP_DEFLATED)
print(sorted(f for f in os.listdir(HERE) if f.endswith(".npz")))
