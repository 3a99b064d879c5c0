using LibrarianDesk.Shared.Attachments;

namespace LibrarianDesk.Tests.Attachments;

/// <summary>
/// Whatever bytes a patron sends, inspecting and stripping them answers (a kind, a refusal, null) and never throws:
/// seeded random bytes, random bytes behind each kind's magic, and valid files with bytes changed, cut or repeated.
/// </summary>
public sealed class AttachmentFuzzTests
{
    private static readonly byte[][] Valid =
    [
        SampleFiles.Jpeg(), SampleFiles.ProgressiveJpeg(), SampleFiles.Png(), SampleFiles.Gif(), SampleFiles.WebP(),
        SampleMetadata.ExtendedWebP(SampleMetadata.Tiff(6), SampleMetadata.XmpPacket()),
        SampleMetadata.Jpeg(SampleFiles.Jpeg(), [SampleMetadata.ExifSegment(6), SampleMetadata.XmpSegment(), SampleMetadata.CommentSegment()]),
        SampleFiles.Pdf(), SampleFiles.Docx(), SampleFiles.Xlsx(), SampleFiles.Pptx(), SampleFiles.Utf8("Halo, pustakawan"),
    ];

    private static readonly string[] Names = ["f.jpg", "f.png", "f.gif", "f.webp", "f.pdf", "f.txt", "f.docx", "f.xlsx", "f.pptx", "image", ""];

    [Fact]
    public void Random_and_damaged_files_never_make_inspecting_or_stripping_throw()
    {
        var random = new Random(27);
        var accepted = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var content = (i % 3) switch
            {
                0 => Bytes(random, random.Next(0, 300)),
                1 => [.. Valid[random.Next(Valid.Length)].Take(random.Next(1, 24)), .. Bytes(random, random.Next(0, 300))],
                _ => Damaged(random, Valid[random.Next(Valid.Length)]),
            };

            var check = AttachmentFile.Inspect(Names[random.Next(Names.Length)], content);

            (check.Kind is null).Should().Be(check.Refusal is not null, "a file is either accepted or refused");
            if (check.Accepted)
                accepted++;
            foreach (var kind in Enum.GetValues<FileKind>())
                ImageMetadata.Strip(kind, content);
        }
        accepted.Should().BeGreaterThan(100, "damaged files that still hold together are accepted, so the parsers were reached");
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Damaged(Random random, byte[] file)
    {
        var damaged = file.ToArray();
        switch (random.Next(4))
        {
            case 0:
                for (var n = random.Next(1, 4); n > 0; n--)
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                return damaged;
            case 1:
                return damaged[..random.Next(damaged.Length)];
            case 2:
                // A length or size field set to its largest value.
                var at = random.Next(damaged.Length - 1);
                damaged[at] = 0xFF;
                damaged[at + 1] = 0xFF;
                return damaged;
            default:
                var from = random.Next(damaged.Length);
                return [.. damaged, .. damaged[from..]];
        }
    }
}
