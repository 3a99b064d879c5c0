using System.Buffers.Binary;
using System.Text;

namespace LibrarianDesk.Tests.Attachments;

/// <summary>The metadata a phone or an editor writes into a picture, built byte by byte, each with a word to look for afterwards.</summary>
internal static class SampleMetadata
{
    public const string CameraSecret = "KameraRahasia";
    public const string XmpSecret = "GPSLatitude";
    public const string CommentSecret = "Dipotret di Jl. Melati 7";
    public const string CaptionSecret = "keterangan rahasia";

    /// <summary>
    /// A TIFF block as in EXIF: IFD0 with the camera's make, the orientation and a pointer to a GPS IFD placing the
    /// picture at 6°12′S 106°49′E (Jakarta).
    /// </summary>
    public static byte[] Tiff(ushort orientation, bool bigEndian = true)
    {
        var tiff = new byte[166];
        void U16(int at, ushort v) { if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), v); else BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), v); }
        void U32(int at, uint v) { if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v); else BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), v); }
        void Entry(int at, ushort tag, ushort type, uint count, uint value) { U16(at, tag); U16(at + 2, type); U32(at + 4, count); U32(at + 8, value); }
        void Rationals(int at, params uint[] numerators) { for (var i = 0; i < numerators.Length; i++) { U32(at + 8 * i, numerators[i]); U32(at + 8 * i + 4, 1); } }

        Encoding.ASCII.GetBytes(bigEndian ? "MM" : "II").CopyTo(tiff, 0);
        U16(2, 42);
        U32(4, 8);
        // IFD0 at 8: three entries, no next IFD.
        U16(8, 3);
        Entry(10, 0x010F, 2, 14, 50);  // Make, ASCII at 50
        Entry(22, 0x0112, 3, 1, 0);     // Orientation, SHORT, left-justified in the value
        U16(30, orientation);
        Entry(34, 0x8825, 4, 1, 64);   // GPS IFD at 64
        Encoding.ASCII.GetBytes(CameraSecret + "\0").CopyTo(tiff, 50);
        // GPS IFD at 64: four entries, no next IFD; the rationals at 118 and 142.
        U16(64, 4);
        Entry(66, 0x0001, 2, 2, 0);
        tiff[74] = (byte)'S';
        Entry(78, 0x0002, 5, 3, 118);
        Entry(90, 0x0003, 2, 2, 0);
        tiff[98] = (byte)'E';
        Entry(102, 0x0004, 5, 3, 142);
        Rationals(118, 6, 12, 0);
        Rationals(142, 106, 49, 0);
        return tiff;
    }

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    public static byte[] ExifSegment(ushort orientation, bool bigEndian = true) =>
        Segment(0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation, bigEndian)]);

    public static byte[] XmpPacket() => Encoding.UTF8.GetBytes(
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        + $"<rdf:Description rdf:about='' xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:{XmpSecret}='6,12.0S'/></rdf:RDF></x:xmpmeta>");

    public static byte[] XmpSegment() => Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. XmpPacket()]);

    /// <summary>APP13 as Photoshop writes it: an image resource block holding an IPTC caption.</summary>
    public static byte[] IptcSegment()
    {
        var caption = Encoding.ASCII.GetBytes(CaptionSecret);
        byte[] iptc = [0x1C, 0x02, 0x78, 0x00, (byte)caption.Length, .. caption];
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, iptc.Length);
        byte[] payload = [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0x00, 0x00, .. size, .. iptc, .. iptc.Length % 2 == 1 ? new byte[1] : []];
        return Segment(0xED, payload);
    }

    public static byte[] CommentSegment() => Segment(0xFE, Encoding.UTF8.GetBytes(CommentSecret));

    public static byte[] IccSegment() => Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. "profil-warna-sRGB"u8]);

    /// <summary>The multi-picture index a phone writes in APP2 to point at a second picture appended after the end marker.</summary>
    public static byte[] MpfSegment() => Segment(0xE2, [.. "MPF\0"u8, .. "MM\0*\0\0\0\b"u8]);

    public static byte[] AdobeSegment() => Segment(0xEE, [.. "Adobe"u8, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x01]);

    /// <summary><paramref name="jpeg"/> with <paramref name="segments"/> after its JFIF segment, and <paramref name="trailer"/> after its end marker.</summary>
    public static byte[] Jpeg(byte[] jpeg, byte[][] segments, byte[]? trailer = null)
    {
        const int afterApp0 = 2 + 2 + 16;
        return [.. jpeg[..afterApp0], .. segments.SelectMany(s => s), .. jpeg[afterApp0..], .. trailer ?? []];
    }

    public static byte[] GifExtension(byte label, params byte[][] subBlocks) =>
        [0x21, label, .. subBlocks.SelectMany(b => (byte[])[(byte)b.Length, .. b]), 0x00];

    public static byte[] GifLoop() => GifExtension(0xFF, "NETSCAPE2.0"u8.ToArray(), [0x01, 0x00, 0x00]);

    /// <summary>
    /// XMP as Adobe writes it into a GIF: the packet's raw bytes, then a "magic trailer" (01, FF down to 00, 00) that
    /// ends the sub-blocks wherever a reader walking them lands.
    /// </summary>
    public static byte[] GifXmp() =>
        [0x21, 0xFF, 11, .. "XMP DataXMP"u8, .. XmpPacket(), 0x01, .. Enumerable.Range(0, 256).Select(i => (byte)(255 - i)), 0x00];

    public static byte[] GifComment() => GifExtension(0xFE, Encoding.ASCII.GetBytes(CommentSecret));

    public static byte[] RiffChunk(string fourCc, byte[] data) =>
        [.. Encoding.ASCII.GetBytes(fourCc), .. BitConverter.GetBytes((uint)data.Length), .. data, .. data.Length % 2 == 1 ? new byte[1] : []];

    /// <summary>An extended WebP: VP8X announcing alpha, EXIF and XMP, the 1×1 lossless image, then the EXIF and XMP chunks.</summary>
    public static byte[] ExtendedWebP(byte[] exif, byte[] xmp)
    {
        var image = SampleFiles.WebP()[12..];
        byte[] body = [.. "WEBP"u8, .. RiffChunk("VP8X", [0x10 | 0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0]), .. image, .. RiffChunk("EXIF", exif), .. RiffChunk("XMP ", xmp)];
        return [.. "RIFF"u8, .. BitConverter.GetBytes((uint)body.Length), .. body];
    }

    public static bool Contains(byte[] file, string text) => file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
