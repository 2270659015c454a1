#!/usr/bin/env python3
"""Writes the small Fashion-MNIST subset that the examples' tests use.

From the full data set (Debian: apt-get install dataset-fashion-mnist, files in
/usr/share/datasets/fashion-mnist) it keeps the first 100 images of each class of the training set
and the first 50 of each class of the test set, in their original order, and writes them as gzipped
IDX files with the original names into examples/src/main/resources/data/fashion-mnist-subset/.
The gzip header carries no time stamp or name, so a rerun writes the same bytes.

    python3 examples/src/test/python/make_fashion_subset.py [--data-dir DIR]

Only the Python standard library is needed.
"""
import argparse
import gzip
import hashlib
import pathlib
import struct

PER_CLASS = {"train": 100, "t10k": 50}
OUT = pathlib.Path(__file__).resolve().parents[2] / "main" / "resources" / "data" / "fashion-mnist-subset"


def read_idx(path):
    data = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
    zero, kind, ndims = struct.unpack(">HBB", data[:4])
    assert zero == 0 and kind == 0x08, path
    dims = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    return dims, data[4 + 4 * ndims:]


def write_idx(path, dims, payload):
    header = struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
            out.write(header + payload)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    source = pathlib.Path(args.data_dir)
    OUT.mkdir(parents=True, exist_ok=True)
    for split, per_class in PER_CLASS.items():
        (count, rows, cols), pixels = read_idx(source / f"{split}-images-idx3-ubyte.gz")
        (label_count,), labels = read_idx(source / f"{split}-labels-idx1-ubyte.gz")
        assert count == label_count
        kept, taken = [], [0] * 10
        for i, label in enumerate(labels):
            if taken[label] < per_class:
                taken[label] += 1
                kept.append(i)
        size = rows * cols
        image_bytes = b"".join(pixels[i * size:(i + 1) * size] for i in kept)
        label_bytes = bytes(labels[i] for i in kept)
        write_idx(OUT / f"{split}-images-idx3-ubyte.gz", (len(kept), rows, cols), image_bytes)
        write_idx(OUT / f"{split}-labels-idx1-ubyte.gz", (len(kept),), label_bytes)
        print(f"{split}: {len(kept)} images (first index {kept[0]}, last {kept[-1]}); first labels "
              f"{list(label_bytes[:10])}; pixel sum {sum(image_bytes)}; "
              f"sha256 of pixels {hashlib.sha256(image_bytes).hexdigest()[:16]}")


if __name__ == "__main__":
    main()
