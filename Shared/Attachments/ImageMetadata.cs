namespace LibrarianDesk.Shared.Attachments;

/// <summary>
/// Takes out of an uploaded image what a camera or an editor wrote about it (EXIF with its GPS position, XMP, IPTC,
/// comments, text chunks) before anyone else can download it. Works on the file's segments and chunks only: pixels are
/// never decoded, so what is shown is exactly what was sent.
/// </summary>
public static class ImageMetadata
{
    /// <summary>
    /// The image without its metadata; a JPEG keeps its EXIF orientation (rewritten as a minimal EXIF segment) so a
    /// phone photo still shows upright. Null when the file's structure is broken (a length past its end, a missing end
    /// marker): the caller refuses such a file as <see cref="AttachmentFile.TypeRefused"/>. A file of a kind that is
    /// not an image comes back unchanged.
    /// </summary>
    public static byte[]? Strip(FileKind kind, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return kind switch
        {
            FileKind.Jpeg => JpegMetadata.Strip(content),
            FileKind.Png => PngMetadata.Strip(content),
            FileKind.WebP => WebPMetadata.Strip(content),
            FileKind.Gif => GifMetadata.Strip(content),
            _ => content,
        };
    }
}
