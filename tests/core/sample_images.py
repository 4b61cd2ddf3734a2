"""Test images made with Pillow, and hostile files that only pretend to be images."""

import io
import random
import re
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format="PNG", size=(120, 80), mode="RGB", color="teal", **save_options):
    image = Image.new(mode, size, color)
    output = io.BytesIO()
    image.save(output, format=image_format, **save_options)
    return output.getvalue()


def noisy_image(image_format, size=(400, 300)):
    """An image big enough to be cut in half with its header intact."""
    pixels = random.Random(0).randbytes(size[0] * size[1] * 3)
    output = io.BytesIO()
    Image.frombytes("RGB", size, pixels).save(output, format=image_format)
    return output.getvalue()


def animated_gif(colors=("red", "green", "blue"), size=(20, 20)):
    frames = [Image.new("RGB", size, color) for color in colors]
    output = io.BytesIO()
    frames[0].save(
        output, format="GIF", save_all=True, append_images=frames[1:], duration=80, loop=0
    )
    return output.getvalue()


def png_claiming(width, height):
    """A PNG whose header claims `width` x `height` pixels: a decompression bomb's
    header, without the bytes (Pillow judges the size before decoding)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(media_root):
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def jpeg_declaring(width, height, **save_options):
    """A small JPEG whose frame header is rewritten to declare `width` x `height`: a
    header to judge, without the bytes of an image that size."""
    content = image_bytes("JPEG", size=(16, 16), **save_options)
    frame_header = re.search(rb"\xff[\xc0\xc2]", content).start()
    at = frame_header + 5  # marker (2 bytes), length (2), sample precision (1)
    return content[:at] + struct.pack(">HH", height, width) + content[at + 4 :]


def gif_in_sub_blocks_of(size, content):
    """`content` (a GIF) with its image data cut into sub-blocks of `size` bytes
    instead of the usual 255: the same image, in many more pieces."""

    def sub_blocks(position):
        data = b""
        while length := content[position]:
            data += content[position + 1 : position + 1 + length]
            position += 1 + length
        return data, position + 1

    def color_table(flags):
        return 3 << ((flags & 7) + 1) if flags & 0x80 else 0

    position = 13 + color_table(content[10])
    output = content[:position]
    while content[position] != 0x3B:
        if content[position] == 0x21:  # extension: copied as it is
            _, end = sub_blocks(position + 2)
            output += content[position:end]
        else:  # image descriptor, colour table, LZW code size, then the data
            start = position
            position += 10 + color_table(content[position + 9]) + 1
            data, end = sub_blocks(position)
            output += content[start:position]
            for offset in range(0, len(data), size):
                piece = data[offset : offset + size]
                output += bytes([len(piece)]) + piece
            output += b"\x00"
        position = end
    return output + b"\x3b"


def gif_with_a_frame_at(left, top):
    """A 10 x 10 GIF of two one-pixel frames, the second at (left, top): Pillow grows
    the canvas to hold it, so the file decodes far larger than its header says."""

    def frame(x, y):
        descriptor = b"\x2c" + b"".join(n.to_bytes(2, "little") for n in (x, y, 1, 1)) + b"\x00"
        # LZW, minimum code size 2: clear code, pixel 0, end code, three bits each.
        return descriptor + b"\x02" + b"\x02\x44\x01" + b"\x00"

    header = b"GIF89a" + (10).to_bytes(2, "little") * 2 + b"\x80\x00\x00"
    palette = b"\x00\x00\x00\xff\xff\xff"
    return header + palette + frame(0, 0) + frame(left, top) + b"\x3b"
