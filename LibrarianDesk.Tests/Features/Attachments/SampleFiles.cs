using System.IO.Compression;
using System.Text;

namespace LibrarianDesk.Tests.Features.Attachments;

/// <summary>Small real files of every kind a chat takes, and disguised ones it must refuse.</summary>
public static class SampleFiles
{
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    public static readonly byte[] WebP = Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    /// <summary>A 1×1 baseline JPEG: JFIF, a quantisation table, the frame, a Huffman table, one scan, the end.</summary>
    public static readonly byte[] Jpeg =
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x01, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00,
        0xFF, 0xDB, 0x00, 0x43, 0x00, .. Enumerable.Repeat((byte)0x01, 64),
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, .. Enumerable.Repeat((byte)0x00, 15), 0x00,
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xD2, 0xCF, 0x20,
        0xFF, 0xD9,
    ];

    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static readonly byte[] Text = Encoding.UTF8.GetBytes("Selamat pagi, saya mencari buku tentang sejarah Batavia — terima kasih.\nCatatan: édisi kedua.\n");

    public static byte[] Docx => Office("word/document.xml");

    public static byte[] Xlsx => Office("xl/workbook.xml");

    public static byte[] Pptx => Office("ppt/presentation.xml");

    /// <summary>What a JPEG with a place in it carries: this text sits in its GPS directory.</summary>
    public const string SecretPlace = "JL-MERDEKA-SELATAN-11";

    /// <summary>
    /// <see cref="Jpeg"/> with an EXIF segment after JFIF: Orientation 6 in IFD0 and a GPS directory whose map datum is
    /// <see cref="SecretPlace"/>, as a phone photo carries where it was taken.
    /// </summary>
    public static byte[] JpegWithGps()
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange([(byte)v, (byte)(v >> 8)]);
        void U32(int v) => tiff.AddRange([(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);
        var datum = Encoding.ASCII.GetBytes(SecretPlace + "\0");

        // Header, then IFD0 at 8 with two entries: Orientation = 6, GPS IFD pointer.
        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(8);
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(6); U16(0);
        var gpsOffset = 8 + 2 + (2 * 12) + 4;
        U16(0x8825); U16(4); U32(1); U32(gpsOffset);
        U32(0);

        // The GPS IFD: one ASCII entry (GPSMapDatum) whose value follows the directory.
        U16(1);
        var valueOffset = gpsOffset + 2 + 12 + 4;
        U16(0x0012); U16(2); U32(datum.Length); U32(valueOffset);
        U32(0);
        tiff.AddRange(datum);

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];

        // SOI and APP0 (JFIF: 2 + 2 + 16 bytes) stay first.
        const int afterJfif = 2 + 2 + 16;
        return [.. Jpeg[..afterJfif], .. app1, .. Jpeg[afterJfif..]];
    }

    public static byte[] Html => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

    public static byte[] Svg => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

    public static byte[] Exe => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF];

    public static byte[] PlainZip
    {
        get
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
                writer.Write("not an office document");
            }

            return buffer.ToArray();
        }
    }

    private static byte[] Office(string mainPart)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Write(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            Write(zip, mainPart, "<?xml version=\"1.0\"?><root/>");
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }
}
