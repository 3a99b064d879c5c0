using System.Buffers.Binary;

namespace LibrarianDesk.Shared.Attachments;

/// <summary>A WebP without its EXIF and XMP chunks, the extended header no longer announcing them, the RIFF size fixed.</summary>
internal static class WebPMetadata
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static byte[]? Strip(byte[] webp)
    {
        var file = webp.AsSpan();
        if (file.Length < 20 || !file.StartsWith("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WEBP"u8))
            return null;
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(file[4..]);
        if (riffSize < 4 || riffSize > file.Length - 8)
            return null;
        // Bytes after the RIFF are no part of the image; they go too.
        var end = 8 + (int)riffSize;
        var output = new MemoryStream(end);
        output.Write(file[..12]);
        var flagsAt = -1;
        var at = 12;
        while (at < end)
        {
            if (end - at < 8)
                return null;
            var fourCc = file.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 4)..]);
            // Chunks are padded to an even length.
            var padded = (long)size + (size & 1);
            if (padded > end - at - 8)
                return null;
            if (at == 12 && !(fourCc.SequenceEqual("VP8 "u8) || fourCc.SequenceEqual("VP8L"u8) || fourCc.SequenceEqual("VP8X"u8)))
                return null;
            if (!fourCc.SequenceEqual("EXIF"u8) && !fourCc.SequenceEqual("XMP "u8))
            {
                if (fourCc.SequenceEqual("VP8X"u8) && size >= 10)
                    flagsAt = (int)output.Position + 8;
                output.Write(file.Slice(at, 8 + (int)padded));
            }
            at += 8 + (int)padded;
        }
        var stripped = output.ToArray();
        if (flagsAt >= 0)
            stripped[flagsAt] &= unchecked((byte)~(ExifFlag | XmpFlag));
        BinaryPrimitives.WriteUInt32LittleEndian(stripped.AsSpan(4), (uint)(stripped.Length - 8));
        return stripped;
    }
}
