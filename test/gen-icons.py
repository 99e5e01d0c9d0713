#!/usr/bin/python3
# gen-icons.py - writes the site's pictures into static/ (run from the
# top folder; the output is committed, this is how it was made):
# favicon.ico (32 px, a PNG inside), apple-touch-icon.png (180 px) and
# og-image.png (1200x630, the link preview of a page with no picture of
# its own).  The mark is the letter F in white on the site's red, drawn
# from rectangles, 4x4 supersampled; Python's zlib writes the PNGs.
import struct
import zlib

RED = (0xa8, 0x24, 0x1b)
WHITE = (0xff, 0xff, 0xff)
PAPER = (0xf7, 0xf6, 0xf2)
LINE = (0xd9, 0xd5, 0xcb)
INK = (0x1d, 0x21, 0x26)


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return (struct.pack('>I', len(data)) + body +
                struct.pack('>I', zlib.crc32(body) & 0xffffffff))
    raw = b''.join(b'\0' + bytes(v for px in row for v in px) for row in rows)
    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def inside_mark(x, y):
    """Is (x, y), in a 0..1 square, on the white F (else on the red)?"""
    return ((0.30 <= x <= 0.44 and 0.20 <= y <= 0.80) or
            (0.30 <= x <= 0.72 and 0.20 <= y <= 0.33) or
            (0.30 <= x <= 0.64 and 0.45 <= y <= 0.57))


def in_square(x, y, r):
    """Is (x, y) in the 0..1 square with corners of radius r?"""
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def mark_pixel(x, y, size, back, radius=0.18, ss=4):
    """The mark's colour at pixel (x, y) of a size-px square on back."""
    acc = [0, 0, 0]
    for i in range(ss):
        for j in range(ss):
            u = (x + (i + 0.5) / ss) / size
            v = (y + (j + 0.5) / ss) / size
            c = back if not in_square(u, v, radius) else \
                WHITE if inside_mark(u, v) else RED
            for k in range(3):
                acc[k] += c[k]
    return tuple(round(a / (ss * ss)) for a in acc)


def icon(size, back, radius=0.18):
    return png(size, size, [[mark_pixel(x, y, size, back, radius)
                             for x in range(size)] for y in range(size)])


def ico(png_bytes, size):
    """An .ico holding one PNG image."""
    head = struct.pack('<HHH', 0, 1, 1)
    entry = struct.pack('<BBBBHHII', size % 256, size % 256, 0, 0, 1, 32,
                        len(png_bytes), 6 + 16)
    return head + entry + png_bytes


def og_image():
    w, h = 1200, 630
    mark, mx, my = 240, 120, 195
    cache = {}
    rows = []
    for y in range(h):
        row = []
        for x in range(w):
            if y < 16:
                row.append(RED)
            elif mx <= x < mx + mark and my <= y < my + mark:
                key = (x - mx, y - my)
                if key not in cache:
                    cache[key] = mark_pixel(x - mx, y - my, mark, PAPER)
                row.append(cache[key])
            elif 460 <= x < 1080 and any(t <= y < t + 28 for t in (215, 300)):
                row.append(INK if y < 243 or x < 900 else PAPER)
            elif 460 <= x < 1080 and any(t <= y < t + 14 for t in (380, 412)):
                row.append(LINE if y < 394 or x < 980 else PAPER)
            else:
                row.append(PAPER)
        rows.append(row)
    return png(w, h, rows)


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


write('static/favicon.ico', ico(icon(32, WHITE, 0.12), 32))
write('static/apple-touch-icon.png', icon(180, RED, 0.0))
write('static/og-image.png', og_image())
