using LibrarianDesk.Shared.Attachments;
using MetadataExtractor;
using MetadataExtractor.Formats.Adobe;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.Xmp;
using static LibrarianDesk.Tests.Attachments.SampleMetadata;
using MetadataDirectory = MetadataExtractor.Directory;

namespace LibrarianDesk.Tests.Attachments;

/// <summary>
/// What is left of a picture's metadata once uploaded, read back with MetadataExtractor (a reader independent of the
/// code under test) and by looking for the words the metadata held.
/// </summary>
public sealed class ImageMetadataTests
{
    private static IReadOnlyList<MetadataDirectory> Read(byte[] image) => ImageMetadataReader.ReadMetadata(new MemoryStream(image));

    private static byte[] PhonePhoto(byte[]? trailer = null) => Jpeg(SampleFiles.Jpeg(),
        [ExifSegment(orientation: 6), XmpSegment(), IptcSegment(), CommentSegment(), IccSegment(), MpfSegment(), AdobeSegment()], trailer);

    private static byte[] FromStartOfScan(byte[] jpeg) => jpeg[jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA])..];

    [Fact]
    public void A_phone_photo_loses_its_position_xmp_caption_and_comment_and_keeps_its_orientation()
    {
        var photo = PhonePhoto();
        var before = Read(photo);
        before.OfType<GpsDirectory>().Single().GetGeoLocation()!.Latitude.Should().BeApproximately(-6.2, 0.001, "the sample must carry a position to lose");
        before.OfType<XmpDirectory>().Should().ContainSingle();
        before.OfType<IptcDirectory>().Should().ContainSingle();
        before.OfType<JpegCommentDirectory>().Should().ContainSingle();

        var stripped = ImageMetadata.Strip(FileKind.Jpeg, photo)!;

        var after = Read(stripped);
        after.OfType<GpsDirectory>().Should().BeEmpty();
        after.OfType<XmpDirectory>().Should().BeEmpty();
        after.OfType<IptcDirectory>().Should().BeEmpty();
        after.OfType<JpegCommentDirectory>().Should().BeEmpty();
        after.OfType<ExifIfd0Directory>().Single().GetUInt16(ExifDirectoryBase.TagOrientation).Should().Be(6);
        after.OfType<ExifIfd0Directory>().Single().Tags.Should().ContainSingle("only the orientation is written back");
        after.OfType<JpegDirectory>().Single().GetImageWidth().Should().Be(16);
        // The sample's ICC profile is a stand-in a reader cannot parse; everything else reads cleanly.
        after.Where(d => d is not IccDirectory).SelectMany(d => d.Errors).Should().BeEmpty();
        foreach (var secret in new[] { CameraSecret, XmpSecret, CommentSecret, CaptionSecret, "MPF\0" })
            Contains(stripped, secret).Should().BeFalse(secret);
    }

    [Fact]
    public void A_jpeg_keeps_jfif_its_colour_profile_and_adobe_transform_and_its_image_data_byte_for_byte()
    {
        var stripped = ImageMetadata.Strip(FileKind.Jpeg, PhonePhoto())!;

        var original = SampleFiles.Jpeg();
        stripped.Should().Equal([
            .. original[..20], .. ExifSegment6Minimal(), .. IccSegment(), .. AdobeSegment(), .. original[20..],
        ]);
        FromStartOfScan(stripped).Should().Equal(FromStartOfScan(original));
        Read(stripped).OfType<AdobeJpegDirectory>().Should().ContainSingle();
    }

    // The minimal EXIF the stripper writes for orientation 6: little-endian TIFF, IFD0 with one SHORT entry, no next IFD.
    private static byte[] ExifSegment6Minimal() => Segment(0xE1, [
        .. "Exif\0\0"u8, .. "II"u8, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0,
    ]);

    [Fact]
    public void An_upright_photo_keeps_no_exif_at_all()
    {
        var stripped = ImageMetadata.Strip(FileKind.Jpeg, Jpeg(SampleFiles.Jpeg(), [ExifSegment(orientation: 1)]))!;

        stripped.Should().Equal(SampleFiles.Jpeg());
    }

    [Fact]
    public void The_orientation_is_read_in_either_byte_order()
    {
        var stripped = ImageMetadata.Strip(FileKind.Jpeg, Jpeg(SampleFiles.Jpeg(), [ExifSegment(orientation: 8, bigEndian: false)]))!;

        Read(stripped).OfType<ExifIfd0Directory>().Single().GetUInt16(ExifDirectoryBase.TagOrientation).Should().Be(8);
        Read(stripped).OfType<GpsDirectory>().Should().BeEmpty();
    }

    [Fact]
    public void Unreadable_exif_goes_without_taking_the_photo_with_it()
    {
        // IFD0 said to lie far past the block's end.
        byte[] exif = [.. "Exif\0\0"u8, .. "MM"u8, 0, 42, 0x7F, 0xFF, 0xFF, 0xFF, .. "KameraRahasia"u8];

        var stripped = ImageMetadata.Strip(FileKind.Jpeg, Jpeg(SampleFiles.Jpeg(), [Segment(0xE1, exif)]))!;

        stripped.Should().Equal(SampleFiles.Jpeg());
    }

    [Fact]
    public void A_progressive_jpeg_keeps_every_scan_and_loses_metadata_hidden_between_scans_and_after_its_end()
    {
        var original = SampleFiles.ProgressiveJpeg();
        var secondScan = original.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xDA]);
        byte[] tampered = [.. original[..secondScan], .. CommentSegment(), .. ExifSegment(orientation: 3), .. original[secondScan..], .. "ftypmp42 video gerak"u8];

        var stripped = ImageMetadata.Strip(FileKind.Jpeg, tampered)!;

        stripped.Should().Equal(original, "segments between scans that no decoder needs and bytes after the end marker go; the scans stay as they were");
    }

    [Fact]
    public void Whatever_a_phone_appended_after_the_end_marker_goes()
    {
        var stripped = ImageMetadata.Strip(FileKind.Jpeg, PhonePhoto(trailer: [.. SampleFiles.Jpeg(), .. "moov udta ©xyz -06.2+106.8"u8]))!;

        FromStartOfScan(stripped).Should().Equal(FromStartOfScan(SampleFiles.Jpeg()));
        Contains(stripped, "©xyz").Should().BeFalse();
    }

    [Fact]
    public void A_jpeg_cut_in_its_image_data_keeps_what_there_is()
    {
        var original = SampleFiles.Jpeg();
        var cut = original[..^10];

        ImageMetadata.Strip(FileKind.Jpeg, cut).Should().Equal(cut);
    }

    public static TheoryData<string, byte[]> BrokenJpegs()
    {
        var jpeg = SampleFiles.Jpeg();
        var startOfScan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        return new()
        {
            { "cut inside a segment", jpeg[..30] },
            { "cut between segments", jpeg[..20] },
            { "a segment length past the end", [.. jpeg[..20], 0xFF, 0xE1, 0xFF, 0xF0, .. "Exif\0\0"u8] },
            { "a segment length below 2", [.. jpeg[..20], 0xFF, 0xFE, 0x00, 0x01, .. jpeg[20..]] },
            { "bytes where a marker should be", [.. jpeg[..20], 0x12, 0x34, .. jpeg[20..]] },
            { "an end marker before any scan", [.. jpeg[..20], 0xFF, 0xD9] },
            { "a second start of image", [.. jpeg[..20], 0xFF, 0xD8, .. jpeg[20..]] },
            { "a scan header past the end", jpeg[..(startOfScan + 6)] },
            { "just the start of image", [0xFF, 0xD8, 0xFF] },
            { "not a jpeg at all", SampleFiles.Png() },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenJpegs))]
    public void A_jpeg_with_a_broken_structure_is_refused_not_guessed_at(string broken, byte[] jpeg)
    {
        ImageMetadata.Strip(FileKind.Jpeg, jpeg).Should().BeNull(broken);
    }

    [Fact]
    public void A_png_loses_its_exif_text_and_time_chunks_and_keeps_the_rest_whole()
    {
        var gamma = ("gAMA", new byte[] { 0, 0, 0xB1, 0x8F });
        var png = SampleFiles.Png(
            ("eXIf", Tiff(orientation: 6)),
            ("tEXt", [.. "Comment\0"u8, .. System.Text.Encoding.Latin1.GetBytes(CommentSecret)]),
            ("zTXt", [.. "Author\0\0"u8, 0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
            ("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. XmpPacket()]),
            ("tIME", [0x07, 0xEA, 12, 8, 3, 0, 0]),
            gamma);
        Read(png).OfType<GpsDirectory>().Should().ContainSingle("the sample must carry a position to lose");
        Read(png).OfType<XmpDirectory>().Should().ContainSingle();

        var stripped = ImageMetadata.Strip(FileKind.Png, png)!;

        stripped.Should().Equal(SampleFiles.Png(gamma));
        Read(stripped).OfType<GpsDirectory>().Should().BeEmpty();
        Read(stripped).OfType<PngDirectory>().Should().NotContain(d => d.ContainsTag(PngDirectory.TagTextualData));
    }

    [Fact]
    public void Bytes_after_a_pngs_end_go()
    {
        ImageMetadata.Strip(FileKind.Png, [.. SampleFiles.Png(), .. "rahasia"u8]).Should().Equal(SampleFiles.Png());
    }

    public static TheoryData<string, byte[]> BrokenPngs()
    {
        var png = SampleFiles.Png();
        return new()
        {
            { "cut before its end chunk", png[..^12] },
            { "cut inside a chunk", png[..40] },
            { "a chunk length past the end", [.. png[..33], 0x7F, 0xFF, 0xFF, 0xFF, .. "tEXt"u8, .. png[33..]] },
            { "a chunk type that is not letters", [.. png[..33], 0, 0, 0, 0, 0x00, 0x01, 0x02, 0x03, 0, 0, 0, 0, .. png[33..]] },
            { "no header chunk first", [.. png[..8], .. png[33..]] },
            { "just the signature", png[..8] },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenPngs))]
    public void A_png_with_a_broken_structure_is_refused(string broken, byte[] png)
    {
        ImageMetadata.Strip(FileKind.Png, png).Should().BeNull(broken);
    }

    [Fact]
    public void A_webp_loses_its_exif_and_xmp_chunks_and_the_header_stops_announcing_them()
    {
        var webp = ExtendedWebP([.. Tiff(orientation: 1), 0x00], XmpPacket());
        Read(webp).OfType<GpsDirectory>().Should().ContainSingle("the sample must carry a position to lose");

        var stripped = ImageMetadata.Strip(FileKind.WebP, webp)!;

        byte[] body = [.. "WEBP"u8, .. RiffChunk("VP8X", [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), .. SampleFiles.WebP()[12..]];
        stripped.Should().Equal([.. "RIFF"u8, .. BitConverter.GetBytes((uint)body.Length), .. body], "alpha stays announced, EXIF and XMP no more");
        Read(stripped).OfType<GpsDirectory>().Should().BeEmpty();
        Read(stripped).OfType<XmpDirectory>().Should().BeEmpty();
    }

    [Fact]
    public void A_simple_webp_is_unchanged_and_bytes_after_its_riff_go()
    {
        ImageMetadata.Strip(FileKind.WebP, SampleFiles.WebP()).Should().Equal(SampleFiles.WebP());
        ImageMetadata.Strip(FileKind.WebP, [.. SampleFiles.WebP(), .. "rahasia"u8]).Should().Equal(SampleFiles.WebP());
    }

    public static TheoryData<string, byte[]> BrokenWebPs()
    {
        var webp = SampleFiles.WebP();
        byte[] WithRiffSize(byte[] file, uint size) => [.. file[..4], .. BitConverter.GetBytes(size), .. file[8..]];
        return new()
        {
            { "a riff size past the end", WithRiffSize(webp, 0x7FFFFFF0) },
            { "cut inside its image chunk", WithRiffSize(webp[..30], 22) },
            { "a chunk size past the riff", WithRiffSize([.. webp[..16], 0xFF, 0xFF, 0xFF, 0x7F, .. webp[20..]], (uint)webp.Length - 8) },
            { "a first chunk that is no image", WithRiffSize([.. webp[..12], .. RiffChunk("EXIF", Tiff(6))], 12 + 166) },
            { "not a webp", SampleFiles.Gif() },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenWebPs))]
    public void A_webp_with_a_broken_structure_is_refused(string broken, byte[] webp)
    {
        ImageMetadata.Strip(FileKind.WebP, webp).Should().BeNull(broken);
    }

    [Fact]
    public void A_gif_loses_comments_and_xmp_and_keeps_its_loop_and_images()
    {
        var gif = SampleFiles.Gif();
        const int afterColourTable = 13 + 6;
        var frames = gif[afterColourTable..^1];
        byte[] animated = [.. gif[..afterColourTable], .. GifLoop(), .. GifComment(), .. GifXmp(), .. frames, .. GifComment(), .. frames, 0x3B, .. "rahasia"u8];
        Read(animated).OfType<GifCommentDirectory>().Should().NotBeEmpty("the sample must carry a comment to lose");
        Read(animated).OfType<XmpDirectory>().Should().ContainSingle();

        var stripped = ImageMetadata.Strip(FileKind.Gif, animated)!;

        stripped.Should().Equal([.. gif[..afterColourTable], .. GifLoop(), .. frames, .. frames, 0x3B]);
        Read(stripped).OfType<GifCommentDirectory>().Should().BeEmpty();
        Read(stripped).OfType<XmpDirectory>().Should().BeEmpty();
        Read(stripped).OfType<GifAnimationDirectory>().Should().ContainSingle();
    }

    [Fact]
    public void A_gif_with_a_local_colour_table_and_many_data_blocks_is_walked_through()
    {
        var gif = SampleFiles.Gif();
        // An image with its own 4-colour table and its data split in 255-byte sub-blocks.
        byte[] image = [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0x81, .. new byte[12], 0x02, 0xFF, .. new byte[255], 0x02, 0x44, 0x01, 0x00];
        byte[] file = [.. gif[..^1], .. image, .. GifComment(), 0x3B];

        ImageMetadata.Strip(FileKind.Gif, file).Should().Equal([.. gif[..^1], .. image, 0x3B]);
    }

    public static TheoryData<string, byte[]> BrokenGifs()
    {
        var gif = SampleFiles.Gif();
        return new()
        {
            { "cut in its image data", gif[..^4] },
            { "no trailer", gif[..^1] },
            { "a sub-block past the end", [.. gif[..19], 0x21, 0xFE, 0x40, .. "rahasia"u8] },
            { "a global colour table past the end", [.. gif[..10], 0x87, 0, 0, 1, 2, 3] },
            { "an unknown block", [.. gif[..19], 0x99, .. gif[19..]] },
            { "just the header", gif[..13] },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenGifs))]
    public void A_gif_with_a_broken_structure_is_refused(string broken, byte[] gif)
    {
        ImageMetadata.Strip(FileKind.Gif, gif).Should().BeNull(broken);
    }

    [Theory]
    [InlineData(FileKind.Pdf)]
    [InlineData(FileKind.Text)]
    [InlineData(FileKind.Docx)]
    [InlineData(FileKind.Xlsx)]
    [InlineData(FileKind.Pptx)]
    public void Files_that_are_not_images_come_back_unchanged(FileKind kind)
    {
        var content = SampleFiles.Pdf();

        ImageMetadata.Strip(kind, content).Should().BeSameAs(content);
    }
}
