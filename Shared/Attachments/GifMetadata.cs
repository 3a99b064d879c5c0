namespace LibrarianDesk.Shared.Attachments;

/// <summary>
/// A GIF without comment extensions and application extensions other than the looping ones (XMP comes as an
/// application extension); images, their graphic controls and the animation loop are copied whole.
/// </summary>
internal static class GifMetadata
{
    private const byte Extension = 0x21;
    private const byte ImageDescriptor = 0x2C;
    private const byte Trailer = 0x3B;
    private const byte CommentLabel = 0xFE;
    private const byte ApplicationLabel = 0xFF;

    public static byte[]? Strip(byte[] gif)
    {
        if (gif.Length < 13 || !(gif.AsSpan().StartsWith("GIF87a"u8) || gif.AsSpan().StartsWith("GIF89a"u8)))
            return null;
        // Header and logical screen descriptor, then the global colour table when the descriptor announces one.
        var at = 13 + ColourTableLength(gif[10]);
        if (at > gif.Length)
            return null;
        var output = new MemoryStream(gif.Length);
        output.Write(gif, 0, at);
        while (true)
        {
            if (at >= gif.Length)
                return null;
            int? end;
            var keep = true;
            switch (gif[at])
            {
                case Trailer:
                    // What follows the trailer is no part of the image; it goes too.
                    output.WriteByte(Trailer);
                    return output.ToArray();
                case ImageDescriptor:
                    // Separator, position, size and flags; the local colour table; the LZW code size; then the data.
                    if (gif.Length - at < 11)
                        return null;
                    end = SubBlocksEnd(gif, at + 10 + ColourTableLength(gif[at + 9]) + 1);
                    break;
                case Extension:
                    if (gif.Length - at < 2)
                        return null;
                    end = SubBlocksEnd(gif, at + 2);
                    keep = gif[at + 1] switch
                    {
                        CommentLabel => false,
                        ApplicationLabel => end is not null && IsLooping(gif.AsSpan(at + 2, end.Value - at - 2)),
                        _ => true,
                    };
                    break;
                default:
                    return null;
            }
            if (end is null)
                return null;
            if (keep)
                output.Write(gif, at, end.Value - at);
            at = end.Value;
        }
    }

    private static int ColourTableLength(byte flags) => (flags & 0x80) != 0 ? 3 << ((flags & 0x07) + 1) : 0;

    // Data sub-blocks: a size byte, that many bytes, until a size of zero. Null when they run past the file.
    private static int? SubBlocksEnd(byte[] gif, int at)
    {
        while (at < gif.Length)
        {
            var size = gif[at];
            at += 1 + size;
            if (size == 0)
                return at;
        }
        return null;
    }

    // The application extension's first sub-block is its 11-byte identifier and authentication code.
    private static bool IsLooping(ReadOnlySpan<byte> blocks) =>
        blocks.Length >= 12 && blocks[0] == 11
        && (blocks.Slice(1, 11).SequenceEqual("NETSCAPE2.0"u8) || blocks.Slice(1, 11).SequenceEqual("ANIMEXTS1.0"u8));
}
