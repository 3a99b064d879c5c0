using System.Buffers.Binary;

namespace LibrarianDesk.Shared.Attachments;

/// <summary>A PNG without its EXIF, text and time chunks; every other chunk is copied whole, CRC and all.</summary>
internal static class PngMetadata
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[]? Strip(byte[] png)
    {
        if (!png.AsSpan().StartsWith(Signature))
            return null;
        var output = new MemoryStream(png.Length);
        output.Write(Signature);
        var at = Signature.Length;
        while (true)
        {
            // Length, type, data, CRC: a chunk whose length runs past the file is a broken file.
            if (png.Length - at < 12)
                return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > png.Length - at - 12)
                return null;
            var type = png.AsSpan(at + 4, 4);
            if (!IsChunkType(type) || (at == Signature.Length && !type.SequenceEqual("IHDR"u8)))
                return null;
            var chunkLength = 12 + (int)length;
            if (!IsMetadata(type))
                output.Write(png, at, chunkLength);
            at += chunkLength;
            // What follows IEND is no part of the image; it goes too.
            if (type.SequenceEqual("IEND"u8))
                return output.ToArray();
        }
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
                return false;
        }
        return true;
    }

    private static bool IsMetadata(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("eXIf"u8) || type.SequenceEqual("tEXt"u8) || type.SequenceEqual("zTXt"u8)
        || type.SequenceEqual("iTXt"u8) || type.SequenceEqual("tIME"u8);
}
