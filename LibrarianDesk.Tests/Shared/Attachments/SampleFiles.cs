using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LibrarianDesk.Tests.Attachments;

/// <summary>Tiny real files of each kind, built in code so a test shows what is in them.</summary>
internal static class SampleFiles
{
    /// <summary>A 1×1 PNG: signature, IHDR, IDAT, then <paramref name="extraChunks"/> before IEND.</summary>
    public static byte[] Png(params (string Type, byte[] Data)[] extraChunks)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, 1);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 1);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write([0, 0xC0, 0x10, 0x20]); // filter byte, then one RGB pixel
        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(file, "IHDR", ihdr);
        WriteChunk(file, "IDAT", pixels.ToArray());
        foreach (var (type, data) in extraChunks)
            WriteChunk(file, type, data);
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    public static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        file.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A 16×16 grey baseline JPEG: JFIF, a quantisation table, Huffman tables, one scan.</summary>
    public static byte[] Jpeg() => Convert.FromHexString(BaselineJpegHex);

    /// <summary>The same picture progressive: several scans with Huffman tables between them and stuffed FF 00 bytes.</summary>
    public static byte[] ProgressiveJpeg() => Convert.FromHexString(ProgressiveJpegHex);

    // Made once with cjpeg -quality 75 (and -progressive) from seeded grey noise; libjpeg decodes both.
    private const string BaselineJpegHex =
        "FFD8FFE000104A46494600010100000100010000FFDB004300080606070605080707070909080A0C140D0C0B0B0C1912130F141D1A1F1E1D"
        + "1A1C1C20242E2720222C231C1C2837292C30313434341F27393D38323C2E333432FFC0000B080010001001011100FFC4001F000001050101"
        + "0101010100000000000000000102030405060708090A0BFFC400B5100002010303020403050504040000017D010203000411051221314106"
        + "13516107227114328191A1082342B1C11552D1F02433627282090A161718191A25262728292A3435363738393A434445464748494A535455"
        + "565758595A636465666768696A737475767778797A838485868788898A92939495969798999AA2A3A4A5A6A7A8A9AAB2B3B4B5B6B7B8B9BA"
        + "C2C3C4C5C6C7C8C9CAD2D3D4D5D6D7D8D9DAE1E2E3E4E5E6E7E8E9EAF1F2F3F4F5F6F7F8F9FAFFDA0008010100003F0064EB31B9695D669A"
        + "6B4B92B15C4FE579F3089F217795EB8490C85914E1FE70CABB848F2BC4FA6BA457375BE211BADDC6F6E577A7FC7BB87F924DEB2119042AB1"
        + "DD954C21A7A55D69D6D22FD9DEE3FB3977C9179D2794F1899A3D8ACC3940D1246C33F2B00CA1C02516C69D2E9BAA2EA274EFB4D9DD99A4B9"
        + "FB314891033058E30D2BA3F5667EA7E62EC8031273FFD9";

    private const string ProgressiveJpegHex =
        "FFD8FFE000104A46494600010100000100010000FFDB004300080606070605080707070909080A0C140D0C0B0B0C1912130F141D1A1F1E1D"
        + "1A1C1C20242E2720222C231C1C2837292C30313434341F27393D38323C2E333432FFC2000B080010001001011100FFC40015000101000000"
        + "00000000000000000000000203FFDA00080101000000012A34FFC400191000020301000000000000000000000000010300021112FFDA0008"
        + "0101000105023BD6E4559752B2B6CFFFC40022100001030303050000000000000000000011010221000312132231617182C1F0FFDA000801"
        + "0100063F0232AAD74394151F29AB70E740DC98F8F5E6B6E5A7CA15008F42AE69E4C7157631D926BFFFC4001C100101010002030100000000"
        + "0000000000011121003141517161FFDA0008010100013F213644F765BAB3F340EF685E29329A0D14ED728F81DC33822A17495817C50BD3A5"
        + "F005E8300ACA21F2BF6A6F3FFFDA0008010100000010FF00FFC4001A100101010100030000000000000000000001112131004151FFDA0008"
        + "010100013F106361E2EB95EA3254CE04FBDAABD37BA14446A2FE58AA682348CB80045F271BB4CF0075FD2E8A25BFFFD9";

    /// <summary>A 1×1 GIF89a with a two-colour table, a graphic control extension and one image.</summary>
    public static byte[] Gif() => Convert.FromHexString(
        "474946383961" + "01000100" + "800000" + "FFFFFF000000" + "21F90401000000" + "00" + "2C0000000001000100" + "00" + "02024401" + "00" + "3B");

    /// <summary>A 1×1 lossless WebP (a RIFF with one VP8L chunk).</summary>
    public static byte[] WebP() => Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A ZIP with the given parts, each holding a line of XML, as Word, Excel and PowerPoint write them.</summary>
    public static byte[] Zip(params string[] parts)
    {
        var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><x/>");
            }
        }
        return bytes.ToArray();
    }

    public static byte[] Docx() => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "docProps/core.xml");

    public static byte[] Xlsx() => Zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "docProps/app.xml");

    public static byte[] Pptx() => Zip("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", "ppt/slides/slide1.xml");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
