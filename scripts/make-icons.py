#!/usr/bin/env python3
"""Draws Peken's app icons (a white "P" on green) as PNG, with no image
library: `python3 scripts/make-icons.py` rewrites public/icons/*.png."""
import os, struct, zlib

GREEN = (0x0F, 0x6E, 0x56)
WHITE = (0xFF, 0xFF, 0xFF)
SS = 4  # supersampling per axis, for smooth edges


def inside_p(x, y):
    """The letter in a unit square (0..1), centred."""
    stem = 0.34 <= x <= 0.45 and 0.24 <= y <= 0.78
    cx, cy, ro, ri = 0.50, 0.405, 0.165, 0.075
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    bowl_round = x >= cx and ri * ri <= d2 <= ro * ro
    bars = 0.40 <= x <= cx and (cy - ro <= y <= cy - ri or cy + ri <= y <= cy + ro)
    return stem or bowl_round or bars


def inside_rounded(x, y, r):
    """A rounded square filling the unit square with corner radius r."""
    dx = max(r - x, 0, x - (1 - r))
    dy = max(r - y, 0, y - (1 - r))
    return dx * dx + dy * dy <= r * r


def draw(size, maskable):
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(SS):
                for sx in range(SS):
                    x = (px + (sx + 0.5) / SS) / size
                    y = (py + (sy + 0.5) / SS) / size
                    if maskable:
                        # Full bleed; the letter shrinks into the 80 % safe zone.
                        lx, ly = 0.5 + (x - 0.5) / 0.8, 0.5 + (y - 0.5) / 0.8
                        colour, alpha = (WHITE if inside_p(lx, ly) else GREEN), 255
                    elif inside_rounded(x, y, 0.22):
                        colour, alpha = (WHITE if inside_p(x, y) else GREEN), 255
                    else:
                        colour, alpha = GREEN, 0
                    for i in range(3):
                        acc[i] += colour[i] * alpha
                    acc[3] += alpha
            n = SS * SS
            a = acc[3] / n
            rgb = [int(round(acc[i] / acc[3])) if acc[3] else 0 for i in range(3)]
            row += bytes(rgb + [int(round(a))])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "public", "icons")
    os.makedirs(out, exist_ok=True)
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("maskable-512.png", 512, True),
        ("apple-touch-icon.png", 180, True),
    ]:
        with open(os.path.join(out, name), "wb") as f:
            f.write(draw(size, maskable))
        print(name, size)


if __name__ == "__main__":
    main()
