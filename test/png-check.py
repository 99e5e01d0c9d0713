#!/usr/bin/python3
"""png-check.py FILE... - is each PNG a picture rather than a blank page?

Standard library only: reads the PNG's chunks, zlib-decodes the IDAT data,
undoes the scanline filters and counts, per file:
  colours  the number of distinct pixel values
  share    the percentage of pixels that differ from the most common one
A file is "not blank" when share >= --min-share (default 1%) and
colours >= --min-colours (default 16).  Prints one line per file:
  FILE: WxH, N colours, S% not background -> ok|blank
and exits 0 when every file is not blank, 1 otherwise, 2 on a broken file.
"""
import argparse
import struct
import sys
import zlib
from collections import Counter

SIG = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(path):
    """(width, height, list of rows of pixel keys)"""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != SIG:
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    if ihdr is None or not idat:
        raise ValueError("no IHDR or IDAT")
    width, height, depth, ctype, _, _, interlace = ihdr
    if ctype not in CHANNELS:
        raise ValueError("colour type %d" % ctype)
    if interlace:
        raise ValueError("interlaced PNGs are not handled")
    raw = zlib.decompress(b"".join(idat))
    bits = CHANNELS[ctype] * depth
    bpp = max(1, bits // 8)              # bytes per pixel, for the filters
    stride = (width * bits + 7) // 8
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if ftype == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif ftype == 4:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                upleft = prev[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + paeth(left, prev[x], upleft)) & 255
        elif ftype != 0:
            raise ValueError("filter type %d" % ftype)
        prev = line
        if bits >= 8:
            step = bits // 8
            b = bytes(line)
            rows.append([b[x:x + step] for x in range(0, stride, step)])
        else:                           # 1, 2 or 4-bit grey or palette
            per = 8 // bits
            mask = (1 << bits) - 1
            px = []
            for byte in line:
                for k in range(per):
                    px.append((byte >> (8 - bits * (k + 1))) & mask)
            rows.append(px[:width])
    return width, height, rows


def main():
    ap = argparse.ArgumentParser(description="Tell blank PNG screenshots apart.")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--min-share", type=float, default=1.0,
                    help="percent of pixels unlike the background (default 1)")
    ap.add_argument("--min-colours", type=int, default=16,
                    help="distinct colours (default 16)")
    args = ap.parse_args()
    status = 0
    for path in args.files:
        try:
            width, height, rows = decode(path)
        except (OSError, ValueError, zlib.error, struct.error, IndexError) as e:
            print("%s: broken: %s" % (path, e))
            status = 2
            continue
        counts = Counter()
        for row in rows:
            counts.update(row)
        total = width * height
        background = counts.most_common(1)[0][1] if counts else 0
        share = 100.0 * (total - background) / total if total else 0.0
        good = share >= args.min_share and len(counts) >= args.min_colours
        print("%s: %dx%d, %d colours, %.1f%% not background -> %s"
              % (path, width, height, len(counts), share, "ok" if good else "blank"))
        if not good and status == 0:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
