using System.Buffers.Binary;

namespace LibrarianDesk.Shared.Attachments;

/// <summary>
/// A JPEG without EXIF, XMP, IPTC, comments and the other application segments; kept are what decoding needs and what
/// colours the picture: JFIF (APP0), the ICC profile (APP2) and Adobe's colour transform (APP14). An EXIF orientation
/// other than 1 is written back alone. The scans are copied byte for byte up to the end marker; whatever a camera
/// appended after it (a second picture, a motion-photo video) goes.
/// </summary>
internal static class JpegMetadata
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;
    private const byte App0 = 0xE0;
    private const byte App1 = 0xE1;
    private const byte App2 = 0xE2;
    private const byte App14 = 0xEE;
    private const byte App15 = 0xEF;
    private const byte Comment = 0xFE;
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;

    public static byte[]? Strip(byte[] jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != Marker || jpeg[1] != StartOfImage)
            return null;
        var header = new List<(byte Marker, int At, int Length)>();
        ushort? orientation = null;
        var at = 2;
        byte marker;
        // The segments before the first scan: tables, the frame header, and the metadata.
        while (true)
        {
            // An end before any scan is no picture.
            if (ReadMarker(jpeg, ref at) is not { } read || read == EndOfImage || !SegmentFits(jpeg, at, out var length))
                return null;
            marker = read;
            if (marker == StartOfScan)
                break;
            var payload = jpeg.AsSpan(at + 2, length - 2);
            if (marker == App1 && payload.StartsWith("Exif\0\0"u8))
                orientation ??= OrientationIn(payload[6..]);
            if (Keeps(marker, payload))
                header.Add((marker, at, length));
            at += length;
        }

        var output = new MemoryStream(jpeg.Length);
        output.Write([Marker, StartOfImage]);
        // JFIF wants APP0 first; the orientation follows it.
        var leadingApp0 = header.TakeWhile(s => s.Marker == App0).Count();
        foreach (var segment in header.Take(leadingApp0))
            WriteSegment(output, jpeg, segment.Marker, segment.At, segment.Length);
        if (orientation is > 1 and <= 8)
            output.Write(MinimalExif(orientation.Value));
        foreach (var segment in header.Skip(leadingApp0))
            WriteSegment(output, jpeg, segment.Marker, segment.At, segment.Length);

        // The scans: each scan header is followed by entropy-coded data, which ends at the first marker that is not a
        // stuffed FF 00 or a restart; a progressive JPEG has more tables and scans after it, up to the end marker.
        while (true)
        {
            if (!SegmentFits(jpeg, at, out var length))
                return null;
            if (Keeps(marker, jpeg.AsSpan(at + 2, length - 2)))
                WriteSegment(output, jpeg, marker, at, length);
            at += length;
            if (marker == StartOfScan)
            {
                var data = at;
                while (at < jpeg.Length && !(jpeg[at] == Marker && at + 1 < jpeg.Length && IsMarkerAfterData(jpeg[at + 1])))
                    at++;
                output.Write(jpeg, data, at - data);
                // A scan cut short, as by an interrupted download, shows as far as it goes.
                if (at == jpeg.Length)
                    return output.ToArray();
            }
            if (ReadMarker(jpeg, ref at) is not { } next)
                return null;
            marker = next;
            if (marker == EndOfImage)
            {
                output.Write([Marker, EndOfImage]);
                return output.ToArray();
            }
        }
    }

    /// <summary>The marker at <paramref name="at"/> (after any fill bytes), leaving <paramref name="at"/> on its length; null for a marker that has none there.</summary>
    private static byte? ReadMarker(byte[] jpeg, ref int at)
    {
        if (at >= jpeg.Length || jpeg[at] != Marker)
            return null;
        while (at < jpeg.Length && jpeg[at] == Marker)
            at++;
        if (at >= jpeg.Length)
            return null;
        var marker = jpeg[at++];
        // Stuffing, restarts, TEM and a second start of image have no place between segments.
        return marker is 0x00 or 0x01 or StartOfImage or (>= 0xD0 and <= 0xD7) ? null : marker;
    }

    private static bool SegmentFits(byte[] jpeg, int at, out int length)
    {
        length = jpeg.Length - at >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at)) : 0;
        return length >= 2 && length <= jpeg.Length - at;
    }

    private static bool IsMarkerAfterData(byte next) => next is not (0x00 or (>= 0xD0 and <= 0xD7));

    private static bool Keeps(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        App0 or App14 => true,
        App2 => payload.StartsWith("ICC_PROFILE\0"u8),
        >= App1 and <= App15 or Comment => false,
        _ => true,
    };

    private static void WriteSegment(MemoryStream output, byte[] jpeg, byte marker, int at, int length)
    {
        output.WriteByte(Marker);
        output.WriteByte(marker);
        output.Write(jpeg, at, length);
    }

    /// <summary>The Orientation in IFD0 of an EXIF block (a TIFF structure in either byte order); null when absent or unreadable.</summary>
    private static ushort? OrientationIn(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
            return null;
        bool little;
        if (tiff.StartsWith("II"u8))
            little = true;
        else if (tiff.StartsWith("MM"u8))
            little = false;
        else
            return null;
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        if (U16(tiff[2..]) != 42)
            return null;
        var ifd = U32(tiff[4..]);
        if (ifd > tiff.Length - 2)
            return null;
        var entries = tiff[(int)ifd..];
        var count = U16(entries);
        for (var i = 0; i < count && 2 + 12 * (i + 1) <= entries.Length; i++)
        {
            var entry = entries.Slice(2 + 12 * i, 12);
            if (U16(entry) == OrientationTag && U16(entry[2..]) == ShortType && U32(entry[4..]) == 1)
                return U16(entry[8..]);
        }
        return null;
    }

    /// <summary>An APP1 segment with an EXIF block holding only the orientation: a little-endian TIFF header and IFD0 with one SHORT entry.</summary>
    private static byte[] MinimalExif(ushort orientation)
    {
        var segment = new byte[2 + 2 + 6 + 8 + 2 + 12 + 4];
        segment[0] = Marker;
        segment[1] = App1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0II"u8.CopyTo(segment.AsSpan(4));
        var tiff = segment.AsSpan(10);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[4..], 8); // IFD0 right after the header
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[8..], 1); // one entry
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[10..], OrientationTag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[12..], ShortType);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[14..], 1); // count
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[18..], orientation); // the value, left-justified in its 4 bytes
        // The next-IFD offset (tiff[22..26]) stays 0: there is none.
        return segment;
    }
}
