"""Draw Flipover's default deck of association cards (werkvorm `kennismaken`).

Every card is a handful of flat shapes in a 400×300 space. The same shape list
is written twice: as a small self-contained SVG (board and phones) and as a
PNG drawn with Pillow (the PDF report, which cannot draw SVG). Run it again
after changing a card:

    python static/cards/make_cards.py

The pictures are made for Flipover and are dedicated to the public domain
(CC0 1.0, see LICENSE beside this file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

W, H = 400, 300
HERE = Path(__file__).resolve().parent
PNG_SCALE = 4  # drawn 4× larger, then scaled down: smooth edges without anti-aliasing support
PNG_SIZE = (320, 240)

Point = tuple[float, float]
Shape = tuple

# Colours: strong and darkish, because projectors wash out light tints.
SKY = "#9fd3f0"
SEA = "#2e7fb8"
DEEP = "#1f5d8c"
GRASS = "#5aa34a"
DARK_GREEN = "#2f7d32"
EARTH = "#8a5a35"
SUN = "#f6b93b"
RED = "#d64541"
WHITE = "#ffffff"
INK = "#2b2b2b"
GREY = "#7b8794"
SNOW = "#f4f6f8"
PURPLE = "#7e57c2"
ORANGE = "#ef7d22"
PINK = "#e35d8f"
NIGHT = "#243b6b"
SAND = "#e9c98f"


# --- primitives ------------------------------------------------------------------


def rect(x: float, y: float, w: float, h: float, fill: str, r: float = 0) -> Shape:
    return ("rect", x, y, w, h, fill, r)


def circle(cx: float, cy: float, r: float, fill: str) -> Shape:
    return ("circle", cx, cy, r, fill)


def ring(cx: float, cy: float, r: float, stroke: str, width: float) -> Shape:
    return ("ring", cx, cy, r, stroke, width)


def ellipse(cx: float, cy: float, rx: float, ry: float, fill: str) -> Shape:
    return ("ellipse", cx, cy, rx, ry, fill)


def poly(points: Sequence[Point], fill: str) -> Shape:
    return ("poly", [(round(x, 1), round(y, 1)) for x, y in points], fill)


def line(points: Sequence[Point], stroke: str, width: float) -> Shape:
    return ("line", [(round(x, 1), round(y, 1)) for x, y in points], stroke, width)


def halfdisc(cx: float, cy: float, r: float, fill: str) -> Shape:
    """The upper half of a disc (rainbows, a rising sun)."""
    return ("half", cx, cy, r, fill)


# --- helpers that make polygons ---------------------------------------------------


def rotated(points: Sequence[Point], cx: float, cy: float, angle: float) -> list[Point]:
    a = math.radians(angle)
    return [
        (cx + (x - cx) * math.cos(a) - (y - cy) * math.sin(a), cy + (x - cx) * math.sin(a) + (y - cy) * math.cos(a))
        for x, y in points
    ]


def leaf(cx: float, cy: float, length: float, width: float, angle: float, fill: str) -> Shape:
    """A lens-shaped leaf (or sail, or petal) centred on (cx, cy), pointing at ``angle`` degrees."""
    pts = []
    for i in range(25):
        t = i / 24
        pts.append((cx - length / 2 + length * t, cy - width / 2 * math.sin(math.pi * t)))
    for i in range(25):
        t = 1 - i / 24
        pts.append((cx - length / 2 + length * t, cy + width / 2 * math.sin(math.pi * t)))
    return poly(rotated(pts, cx, cy, angle), fill)


def heart(cx: float, cy: float, size: float, fill: str) -> Shape:
    pts = []
    for i in range(60):
        t = 2 * math.pi * i / 60
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((cx + x * size / 32, cy - y * size / 32))
    return poly(pts, fill)


def star(cx: float, cy: float, r: float, fill: str, points: int = 5) -> Shape:
    pts = []
    for i in range(points * 2):
        radius = r if i % 2 == 0 else r * 0.45
        a = math.pi * i / points - math.pi / 2
        pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return poly(pts, fill)


def bar(x1: float, y1: float, x2: float, y2: float, width: float, fill: str) -> Shape:
    """A straight bar between two points (a mast, an oar, a telescope tube)."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    nx, ny = -dy / length * width / 2, dx / length * width / 2
    return poly([(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)], fill)


def cloud(cx: float, cy: float, s: float = 1.0) -> list[Shape]:
    return [
        ellipse(cx, cy, 34 * s, 16 * s, WHITE),
        circle(cx - 14 * s, cy - 10 * s, 16 * s, WHITE),
        circle(cx + 10 * s, cy - 14 * s, 20 * s, WHITE),
    ]


def person(cx: float, base: float, colour: str, height: float = 90) -> list[Shape]:
    """A simple figure: round head, rounded body."""
    head = height * 0.2
    return [
        rect(cx - height * 0.2, base - height * 0.62, height * 0.4, height * 0.62, colour, height * 0.16),
        circle(cx, base - height * 0.62 - head * 1.05, head, colour),
    ]


def waves(y: float, colour: str, count: int = 6) -> list[Shape]:
    step = W / count
    return [
        line([(i * step + 10, y), (i * step + step / 2, y - 6), (i * step + step - 10, y)], colour, 4)
        for i in range(count)
    ]


# --- the cards ---------------------------------------------------------------------


def vuurtoren() -> list[Shape]:
    return [
        rect(0, 0, W, H, NIGHT),
        star(60, 50, 7, SUN),
        star(330, 40, 6, SUN),
        star(360, 110, 5, SUN),
        poly([(200, 78), (60, 40), (60, 116)], "#ffe08a"),
        poly([(200, 78), (340, 40), (340, 116)], "#ffe08a"),
        rect(0, 230, W, 70, SEA),
        *waves(258, "#8ec5ea"),
        poly([(150, 240), (250, 240), (230, 250), (170, 250)], GREY),
        poly([(172, 240), (228, 240), (216, 100), (184, 100)], WHITE),
        poly([(178, 190), (222, 190), (219, 160), (181, 160)], RED),
        poly([(183, 130), (217, 130), (216, 110), (184, 110)], RED),
        rect(182, 64, 36, 36, SUN, 4),
        poly([(176, 64), (224, 64), (200, 40)], RED),
    ]


def brug() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(320, 60),
        rect(0, 200, W, 100, SEA),
        *waves(250, "#8ec5ea"),
        rect(0, 150, W, 18, EARTH),
        line([(20, 150), (110, 70), (200, 150), (290, 70), (380, 150)], "#c0392b", 8),
        *[line([(x, 150), (x, 70 + abs(((x - 20) % 180) - 90) * 80 / 90)], "#c0392b", 3) for x in range(50, 380, 30)],
        rect(100, 60, 20, 140, GREY),
        rect(280, 60, 20, 140, GREY),
        ellipse(110, 200, 22, 6, DEEP),
        ellipse(290, 200, 22, 6, DEEP),
    ]


def boom() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(80, 60, 0.8),
        rect(0, 240, W, 60, GRASS),
        rect(186, 150, 28, 100, EARTH, 6),
        bar(200, 190, 240, 160, 10, EARTH),
        circle(200, 110, 62, DARK_GREEN),
        circle(150, 140, 42, GRASS),
        circle(250, 140, 44, GRASS),
        circle(200, 70, 40, GRASS),
        circle(170, 100, 8, RED),
        circle(235, 115, 8, RED),
        circle(205, 150, 8, RED),
        circle(260, 160, 7, RED),
    ]


def zonsopkomst() -> list[Shape]:
    rays = [
        bar(
            200 + 70 * math.cos(math.radians(a)),
            200 - 70 * math.sin(math.radians(a)),
            200 + 140 * math.cos(math.radians(a)),
            200 - 140 * math.sin(math.radians(a)),
            10,
            SUN,
        )
        for a in range(15, 180, 25)
    ]
    return [
        rect(0, 0, W, H, "#fbd2a5"),
        rect(0, 0, W, 90, "#f7a58c"),
        *rays,
        halfdisc(200, 200, 60, "#f39c12"),
        rect(0, 200, W, 100, SEA),
        rect(150, 215, 100, 8, "#f6c86b", 4),
        rect(170, 235, 60, 7, "#f6c86b", 3),
        rect(185, 253, 30, 6, "#f6c86b", 3),
    ]


def kompas() -> list[Shape]:
    needle_n = poly([(200, 60), (222, 150), (178, 150)], RED)
    needle_s = poly([(200, 240), (222, 150), (178, 150)], WHITE)
    ticks = [
        bar(
            200 + 96 * math.cos(math.radians(a)),
            150 + 96 * math.sin(math.radians(a)),
            200 + 108 * math.cos(math.radians(a)),
            150 + 108 * math.sin(math.radians(a)),
            5,
            INK,
        )
        for a in range(0, 360, 30)
    ]
    return [
        rect(0, 0, W, H, SAND),
        circle(200, 150, 125, "#b7862f"),
        circle(200, 150, 113, "#fff7e6"),
        *ticks,
        poly([(200, 92), (208, 150), (200, 208), (192, 150)], "#d9d2c0"),
        poly([(142, 150), (200, 142), (258, 150), (200, 158)], "#d9d2c0"),
        needle_n,
        needle_s,
        circle(200, 150, 10, INK),
    ]


def bergpad() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        poly([(0, 200), (120, 60), (230, 200)], "#6c7a89"),
        poly([(120, 60), (145, 90), (120, 82), (98, 86)], SNOW),
        poly([(150, 200), (290, 40), (400, 170), (400, 200)], "#55626f"),
        poly([(290, 40), (320, 75), (292, 66), (262, 74)], SNOW),
        rect(0, 190, W, 110, GRASS),
        line([(200, 300), (140, 270), (250, 240), (180, 215), (240, 195)], SAND, 18),
        circle(80, 240, 14, DARK_GREEN),
        circle(330, 250, 18, DARK_GREEN),
        circle(360, 225, 12, DARK_GREEN),
    ]


def puzzel() -> list[Shape]:
    return [
        rect(0, 0, W, H, "#fde8c8"),
        rect(95, 80, 100, 100, "#3a86c8", 8),
        circle(195, 130, 22, "#3a86c8"),
        circle(145, 180, 22, "#3a86c8"),
        rect(215, 80, 100, 100, ORANGE, 8),
        circle(215, 130, 21, "#fde8c8"),
        rect(95, 200, 100, 80, GRASS, 8),
        circle(145, 200, 21, "#fde8c8"),
        rect(230, 200, 100, 80, PURPLE, 8),
        circle(230, 240, 22, PURPLE),
    ]


def zaailing() -> list[Shape]:
    return [
        rect(0, 0, W, H, "#e6f4d7"),
        circle(320, 60, 30, SUN),
        ellipse(200, 270, 150, 50, EARTH),
        line([(200, 240), (200, 160), (204, 120)], DARK_GREEN, 8),
        leaf(160, 140, 90, 42, -25, GRASS),
        leaf(246, 118, 100, 46, 30, GRASS),
        leaf(204, 98, 40, 20, -80, "#8bc34a"),
    ]


def samen() -> list[Shape]:
    return [
        rect(0, 0, W, H, "#fff1d6"),
        rect(0, 250, W, 50, GRASS),
        *person(90, 250, "#3a86c8"),
        *person(160, 250, RED, 110),
        *person(240, 250, PURPLE, 100),
        *person(310, 250, ORANGE),
        line([(108, 195), (140, 205)], INK, 7),
        line([(180, 205), (220, 200)], INK, 7),
        line([(258, 200), (292, 195)], INK, 7),
        heart(200, 60, 46, PINK),
    ]


def fiets() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        rect(0, 240, W, 60, "#9aa5b1"),
        rect(0, 266, W, 6, WHITE),
        ring(110, 190, 50, INK, 9),
        ring(290, 190, 50, INK, 9),
        line([(110, 190), (175, 190), (245, 120), (150, 120), (110, 190)], "#2e86de", 9),
        line([(175, 190), (140, 110)], "#2e86de", 9),
        line([(290, 190), (245, 120), (250, 95)], "#2e86de", 9),
        line([(232, 92), (268, 92)], INK, 8),
        rect(124, 100, 40, 12, INK, 5),
        circle(175, 190, 10, GREY),
        rect(262, 130, 40, 24, "#f1c40f", 4),
        poly([(262, 130), (302, 130), (296, 118), (268, 118)], RED),
    ]


def zeilboot() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(90, 70),
        circle(330, 60, 28, SUN),
        rect(0, 210, W, 90, SEA),
        *waves(260, "#8ec5ea"),
        rect(198, 50, 7, 165, EARTH),
        poly([(205, 55), (205, 195), (300, 195)], WHITE),
        poly([(196, 70), (196, 195), (120, 195)], RED),
        poly([(110, 205), (300, 205), (275, 240), (135, 240)], EARTH),
        poly([(205, 50), (235, 58), (205, 66)], ORANGE),
    ]


def sleutel() -> list[Shape]:
    return [
        rect(0, 0, W, H, "#e8e3f5"),
        ring(120, 150, 45, "#d4a017", 22),
        rect(160, 138, 190, 24, "#d4a017", 6),
        rect(300, 160, 18, 40, "#d4a017", 3),
        rect(326, 160, 18, 28, "#d4a017", 3),
        rect(272, 160, 16, 22, "#d4a017", 3),
        circle(120, 150, 8, "#b8860b"),
    ]


def lantaarn() -> list[Shape]:
    return [
        rect(0, 0, W, H, NIGHT),
        circle(200, 160, 110, "#3b4f86"),
        circle(200, 160, 80, "#5a6fa8"),
        ring(200, 42, 18, INK, 6),
        poly([(160, 70), (240, 70), (225, 56), (175, 56)], INK),
        rect(165, 70, 70, 130, "#ffe08a", 8),
        ellipse(200, 140, 14, 26, ORANGE),
        ellipse(200, 146, 7, 14, "#fff3c4"),
        rect(160, 70, 8, 130, INK),
        rect(232, 70, 8, 130, INK),
        rect(150, 200, 100, 14, INK, 4),
        star(60, 60, 6, SUN),
        star(340, 80, 7, SUN),
        star(320, 240, 5, SUN),
        star(70, 230, 5, SUN),
    ]


def wegwijzer() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(320, 50, 0.8),
        rect(0, 240, W, 60, GRASS),
        rect(192, 60, 16, 190, EARTH),
        poly([(208, 70), (320, 70), (345, 92), (320, 114), (208, 114)], "#2e86de"),
        poly([(192, 128), (80, 128), (55, 150), (80, 172), (192, 172)], ORANGE),
        poly([(208, 185), (300, 185), (322, 203), (300, 221), (208, 221)], GRASS),
        line([(230, 92), (300, 92)], WHITE, 6),
        line([(100, 150), (170, 150)], WHITE, 6),
        line([(225, 203), (285, 203)], WHITE, 6),
    ]


def tuin() -> list[Shape]:
    shapes: list[Shape] = [rect(0, 0, W, H, SKY), circle(60, 55, 30, SUN), rect(0, 200, W, 100, GRASS)]
    for x, colour, h in ((70, RED, 110), (150, PURPLE, 140), (230, ORANGE, 120), (310, PINK, 150), (370, RED, 100)):
        top = 260 - h
        shapes += [line([(x, 262), (x, top)], DARK_GREEN, 6), leaf(x + 16, top + 60, 36, 16, -30, DARK_GREEN)]
        shapes += [
            circle(x + 18 * math.cos(a), top + 18 * math.sin(a), 13, colour)
            for a in (i * math.pi / 3 for i in range(6))
        ]
        shapes.append(circle(x, top, 10, SUN))
    return shapes


def klok() -> list[Shape]:
    ticks = [
        circle(200 + 96 * math.cos(math.radians(a)), 150 + 96 * math.sin(math.radians(a)), 7 if a % 90 == 0 else 4, INK)
        for a in range(0, 360, 30)
    ]
    return [
        rect(0, 0, W, H, "#d7ecf7"),
        circle(200, 150, 125, "#2e86de"),
        circle(200, 150, 110, WHITE),
        *ticks,
        bar(200, 150, 200, 78, 10, INK),
        bar(200, 150, 262, 172, 8, INK),
        bar(200, 150, 152, 100, 3, RED),
        circle(200, 150, 10, RED),
    ]


def luchtballon() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(80, 220),
        *cloud(330, 90, 0.8),
        poly([(150, 140), (250, 140), (222, 196), (178, 196)], RED),
        circle(200, 110, 78, RED),
        leaf(200, 110, 156, 70, 90, SUN),
        leaf(200, 110, 156, 22, 90, "#2e86de"),
        line([(180, 196), (186, 228)], INK, 3),
        line([(220, 196), (214, 228)], INK, 3),
        rect(182, 226, 36, 30, EARTH, 4),
    ]


def telescoop() -> list[Shape]:
    return [
        rect(0, 0, W, H, NIGHT),
        circle(330, 70, 34, "#f5f3ce"),
        circle(318, 62, 30, NIGHT),
        star(80, 50, 8, SUN),
        star(150, 90, 5, SUN),
        star(250, 40, 6, SUN),
        star(370, 160, 5, SUN),
        star(40, 130, 5, SUN),
        rect(0, 250, W, 50, "#34495e"),
        line([(190, 180), (150, 252)], GREY, 7),
        line([(190, 180), (230, 252)], GREY, 7),
        line([(190, 180), (192, 252)], GREY, 7),
        bar(120, 215, 280, 120, 34, "#b7862f"),
        bar(262, 130, 300, 108, 42, "#8e6420"),
        bar(112, 220, 136, 206, 22, INK),
        circle(190, 178, 10, INK),
    ]


def haven() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(300, 50, 0.8),
        rect(0, 180, W, 120, SEA),
        *waves(270, "#8ec5ea", 5),
        rect(0, 160, 170, 30, "#8d6e63"),
        *[rect(x, 190, 10, 50, "#6d4c41") for x in (20, 80, 140)],
        rect(30, 110, 40, 50, RED),
        poly([(25, 110), (75, 110), (50, 88)], INK),
        rect(90, 126, 60, 34, "#f1c40f"),
        poly([(86, 126), (154, 126), (120, 104)], INK),
        poly([(200, 200), (330, 200), (312, 228), (216, 228)], WHITE),
        rect(240, 170, 50, 30, "#2e86de", 4),
        rect(250, 150, 10, 20, INK),
        poly([(330, 230), (390, 230), (382, 246), (338, 246)], ORANGE),
        rect(357, 190, 4, 40, EARTH),
        poly([(361, 192), (361, 226), (385, 226)], WHITE),
    ]


def regenboog() -> list[Shape]:
    colours = [RED, ORANGE, SUN, GRASS, "#2e86de", PURPLE]
    return [
        rect(0, 0, W, H, SKY),
        *[halfdisc(200, 250, 170 - i * 18, c) for i, c in enumerate(colours)],
        halfdisc(200, 250, 62, SKY),
        *cloud(50, 240, 1.1),
        *cloud(350, 240, 1.1),
        rect(0, 250, W, 50, GRASS),
    ]


def vlieger() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(80, 240, 0.9),
        *cloud(330, 220, 0.7),
        poly([(250, 30), (320, 100), (250, 190), (180, 100)], RED),
        poly([(250, 30), (320, 100), (250, 100)], SUN),
        poly([(250, 100), (180, 100), (250, 190)], SUN),
        line([(250, 30), (250, 190)], INK, 3),
        line([(180, 100), (320, 100)], INK, 3),
        line([(250, 190), (230, 220), (255, 245), (228, 275)], INK, 3),
        poly([(228, 214), (242, 222), (228, 230), (218, 222)], "#2e86de"),
        poly([(248, 240), (262, 248), (248, 256), (238, 248)], GRASS),
        line([(250, 190), (120, 300)], GREY, 2),
    ]


def trap() -> list[Shape]:
    steps = [
        rect(40 + i * 52, 250 - (i + 1) * 34, 52, (i + 1) * 34, c)
        for i, c in enumerate(["#90a4ae", "#78909c", "#607d8b", "#546e7a", "#455a64", "#37474f"])
    ]
    return [
        rect(0, 0, W, H, "#fde8c8"),
        circle(70, 60, 30, SUN),
        *steps,
        rect(0, 250, W, 50, GRASS),
        rect(330, 30, 6, 16 + 24, INK),
        *person(120, 182, "#2e86de", 60),
        poly([(336, 30), (376, 42), (336, 54)], RED),
    ]


def bergtop() -> list[Shape]:
    return [
        rect(0, 0, W, H, "#bfe3f7"),
        *cloud(70, 80, 0.9),
        poly([(0, 300), (200, 60), (400, 300)], "#5d6d7e"),
        poly([(200, 60), (250, 120), (225, 112), (205, 130), (180, 110), (150, 120)], SNOW),
        poly([(250, 300), (340, 170), (400, 230), (400, 300)], "#4a5a6a"),
        poly([(0, 300), (0, 230), (70, 180), (150, 300)], "#4a5a6a"),
        rect(198, 22, 5, 40, INK),
        poly([(203, 22), (240, 32), (203, 42)], RED),
    ]


def huis() -> list[Shape]:
    return [
        rect(0, 0, W, H, SKY),
        *cloud(70, 60, 0.8),
        rect(0, 240, W, 60, GRASS),
        rect(110, 130, 180, 120, "#f4d03f"),
        poly([(95, 135), (200, 50), (305, 135)], RED),
        rect(182, 180, 36, 70, EARTH, 4),
        rect(128, 160, 36, 36, WHITE),
        rect(236, 160, 36, 36, WHITE),
        line([(146, 160), (146, 196)], "#2e86de", 3),
        line([(254, 160), (254, 196)], "#2e86de", 3),
        heart(200, 105, 34, PINK),
        rect(250, 64, 18, 44, "#8d6e63"),
    ]


def roeiteam() -> list[Shape]:
    shapes: list[Shape] = [
        rect(0, 0, W, H, SKY),
        *cloud(330, 60, 0.8),
        rect(0, 170, W, 130, SEA),
        *waves(270, "#8ec5ea"),
    ]
    for x in (110, 170, 230, 290):
        shapes += [bar(x + 6, 175, x - 40, 240, 5, EARTH), ellipse(x - 44, 244, 12, 5, EARTH)]
    shapes.append(poly([(50, 175), (350, 175), (320, 200), (80, 200)], WHITE))
    for x, c in zip((110, 170, 230, 290), (RED, ORANGE, PURPLE, "#2e86de"), strict=True):
        shapes += person(x, 180, c, 70)
    return shapes


def sterrenhemel() -> list[Shape]:
    return [
        rect(0, 0, W, H, NIGHT),
        *[
            star(x, y, r, SUN)
            for x, y, r in (
                (60, 60, 9),
                (140, 110, 6),
                (230, 50, 11),
                (320, 100, 7),
                (370, 40, 5),
                (90, 170, 5),
                (280, 170, 8),
                (190, 150, 4),
            )
        ],
        line([(230, 50), (320, 100), (280, 170)], "#f5f3ce", 2),
        poly([(0, 300), (0, 240), (120, 210), (260, 240), (400, 215), (400, 300)], "#1b2a4a"),
        *person(330, 270, "#0f1a30", 50),
    ]


def estafette() -> list[Shape]:
    return [
        rect(0, 0, W, H, "#fde8c8"),
        rect(0, 230, W, 70, "#c0392b"),
        rect(0, 262, W, 4, WHITE),
        *person(120, 230, "#2e86de", 110),
        *person(280, 230, GRASS, 110),
        bar(145, 150, 200, 132, 10, INK),
        bar(255, 140, 205, 132, 10, INK),
        bar(190, 124, 214, 142, 14, SUN),
        line([(40, 110), (70, 110)], GREY, 5),
        line([(30, 140), (70, 140)], GREY, 5),
        line([(40, 170), (70, 170)], GREY, 5),
    ]


CARDS = [
    ("vuurtoren", "Vuurtoren", vuurtoren),
    ("brug", "Brug", brug),
    ("boom", "Boom", boom),
    ("zonsopkomst", "Zonsopkomst", zonsopkomst),
    ("kompas", "Kompas", kompas),
    ("bergpad", "Bergpad", bergpad),
    ("puzzel", "Puzzelstukjes", puzzel),
    ("zaailing", "Zaailing", zaailing),
    ("samen", "Samen", samen),
    ("fiets", "Fiets", fiets),
    ("zeilboot", "Zeilboot", zeilboot),
    ("sleutel", "Sleutel", sleutel),
    ("lantaarn", "Lantaarn", lantaarn),
    ("wegwijzer", "Wegwijzer", wegwijzer),
    ("tuin", "Bloementuin", tuin),
    ("klok", "Klok", klok),
    ("luchtballon", "Luchtballon", luchtballon),
    ("telescoop", "Telescoop", telescoop),
    ("haven", "Haven", haven),
    ("regenboog", "Regenboog", regenboog),
    ("vlieger", "Vlieger", vlieger),
    ("trap", "Trap", trap),
    ("bergtop", "Bergtop", bergtop),
    ("huis", "Huis met hart", huis),
    ("roeiteam", "Roeiteam", roeiteam),
    ("sterrenhemel", "Sterrenhemel", sterrenhemel),
    ("estafette", "Estafette", estafette),
]


# --- output ------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:g}"


def _pts(points: Sequence[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def to_svg(label: str, shapes: list[Shape]) -> str:
    body = []
    for s in shapes:
        kind = s[0]
        if kind == "rect":
            _, x, y, w, h, fill, r = s
            rx = f' rx="{_n(r)}"' if r else ""
            body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"{rx} fill="{fill}"/>')
        elif kind == "circle":
            _, cx, cy, r, fill = s
            body.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{fill}"/>')
        elif kind == "ring":
            _, cx, cy, r, stroke, width = s
            if width:
                body.append(
                    f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="none" stroke="{stroke}" '
                    f'stroke-width="{_n(width)}"/>'
                )
        elif kind == "ellipse":
            _, cx, cy, rx, ry, fill = s
            body.append(f'<ellipse cx="{_n(cx)}" cy="{_n(cy)}" rx="{_n(rx)}" ry="{_n(ry)}" fill="{fill}"/>')
        elif kind == "poly":
            body.append(f'<polygon points="{_pts(s[1])}" fill="{s[2]}"/>')
        elif kind == "line":
            _, points, stroke, width = s
            body.append(
                f'<polyline points="{_pts(points)}" fill="none" stroke="{stroke}" stroke-width="{_n(width)}" '
                'stroke-linecap="round" stroke-linejoin="round"/>'
            )
        elif kind == "half":
            _, cx, cy, r, fill = s
            body.append(
                f'<path d="M{_n(cx - r)} {_n(cy)}A{_n(r)} {_n(r)} 0 0 1 {_n(cx + r)} {_n(cy)}Z" fill="{fill}"/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img">'
        f"<title>{label}</title>" + "".join(body) + "</svg>\n"
    )


def to_png(shapes: list[Shape], path: Path) -> None:
    k = PNG_SCALE
    img = Image.new("RGB", (W * k, H * k), WHITE)
    d = ImageDraw.Draw(img)

    def sc(points: Sequence[Point]) -> list[Point]:
        return [(x * k, y * k) for x, y in points]

    for s in shapes:
        kind = s[0]
        if kind == "rect":
            _, x, y, w, h, fill, r = s
            box = (x * k, y * k, (x + w) * k - 1, (y + h) * k - 1)
            if r:
                d.rounded_rectangle(box, radius=r * k, fill=fill)
            else:
                d.rectangle(box, fill=fill)
        elif kind == "circle":
            _, cx, cy, r, fill = s
            d.ellipse(((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k), fill=fill)
        elif kind == "ring":
            _, cx, cy, r, stroke, width = s
            if width:
                outer = r + width / 2  # Pillow draws the outline inwards from the box
                d.ellipse(
                    ((cx - outer) * k, (cy - outer) * k, (cx + outer) * k, (cy + outer) * k),
                    outline=stroke,
                    width=round(width * k),
                )
        elif kind == "ellipse":
            _, cx, cy, rx, ry, fill = s
            d.ellipse(((cx - rx) * k, (cy - ry) * k, (cx + rx) * k, (cy + ry) * k), fill=fill)
        elif kind == "poly":
            d.polygon(sc(s[1]), fill=s[2])
        elif kind == "line":
            _, points, stroke, width = s
            d.line(sc(points), fill=stroke, width=round(width * k), joint="curve")
            for x, y in points:  # round caps, as in the SVG
                d.ellipse(
                    ((x - width / 2) * k, (y - width / 2) * k, (x + width / 2) * k, (y + width / 2) * k), fill=stroke
                )
        elif kind == "half":
            _, cx, cy, r, fill = s
            d.pieslice(((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k), 180, 360, fill=fill)
    img.resize(PNG_SIZE, Image.Resampling.LANCZOS).save(path, "PNG", optimize=True)


def main() -> None:
    deck = []
    for slug, label, draw in CARDS:
        shapes = draw()
        (HERE / f"{slug}.svg").write_text(to_svg(label, shapes), encoding="utf-8")
        to_png(shapes, HERE / f"{slug}.png")
        deck.append({"id": slug, "label": label, "file": f"{slug}.svg", "png": f"{slug}.png"})
    (HERE / "deck.json").write_text(json.dumps(deck, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(deck)} cards written to {HERE}")


if __name__ == "__main__":
    main()
