using System.IO.Compression;
using System.Text;
using System.Text.Unicode;

namespace LibrarianDesk.Shared.Attachments;

/// <summary>What <see cref="AttachmentFile.Inspect"/> decided: <see cref="Kind"/> when the file is accepted, else a stable refusal code.</summary>
public sealed record FileCheck(FileKind? Kind, string? Refusal)
{
    public bool Accepted => Kind is not null;
}

/// <summary>
/// The one rule for which files a chat takes: the kind is read from the content (magic bytes, the parts of an Office
/// ZIP, valid UTF-8 for text), never from the name or the sender's content type, and the name's extension must agree
/// with it. Content nobody recognises is refused whatever it is called.
/// </summary>
public static class AttachmentFile
{
    public const string Empty = "file_empty";
    public const string TypeRefused = "file_type_refused";
    public const string NameMismatch = "file_name_mismatch";
    public const string NameInvalid = "file_name_invalid";

    public const int MaxNameLength = 200;

    // An Office document has tens of parts; the cap bounds the work a crafted ZIP can cause.
    private const int MaxZipEntries = 2_000;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [(byte)'P', (byte)'K', 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly Dictionary<FileKind, string[]> Extensions = new()
    {
        // The first is the one a name without an extension gets.
        [FileKind.Jpeg] = ["jpg", "jpeg", "jfif"],
        [FileKind.Png] = ["png"],
        [FileKind.WebP] = ["webp"],
        [FileKind.Gif] = ["gif"],
        [FileKind.Pdf] = ["pdf"],
        [FileKind.Text] = ["txt", "log"],
        [FileKind.Docx] = ["docx"],
        [FileKind.Xlsx] = ["xlsx"],
        [FileKind.Pptx] = ["pptx"],
    };

    /// <summary>
    /// Accepts the file when its content is one of the <see cref="FileKind"/>s and its name agrees. A name without an
    /// extension (a pasted screenshot is called "image") is accepted for images only; store it through
    /// <see cref="NameFor"/>, which gives it the kind's extension.
    /// </summary>
    public static FileCheck Inspect(string fileName, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.IsEmpty)
            return new FileCheck(null, Empty);
        var name = SafeName(fileName);
        if (name.Length == 0)
            return new FileCheck(null, NameInvalid);
        if (KindOf(content) is not { } kind)
            return new FileCheck(null, TypeRefused);
        var extension = ExtensionOf(name);
        var agrees = extension.Length == 0
            ? IsImage(kind)
            : Extensions[kind].Contains(extension[1..], StringComparer.OrdinalIgnoreCase);
        return agrees ? new FileCheck(kind, null) : new FileCheck(null, NameMismatch);
    }

    /// <summary>The MIME type the desk serves a file of this kind with.</summary>
    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.WebP => "image/webp",
        FileKind.Gif => "image/gif",
        FileKind.Pdf => "application/pdf",
        FileKind.Text => "text/plain; charset=utf-8",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Shown inline as a picture (and stripped of its metadata on upload).</summary>
    public static bool IsImage(FileKind kind) => kind is FileKind.Jpeg or FileKind.Png or FileKind.WebP or FileKind.Gif;

    /// <summary>
    /// The name as the desk keeps and shows it: the last path segment (a browser may send "C:\Users\…\foto.jpg"),
    /// without control or bidi-override characters (which can show "gpj.exe" as "exe.jpg"), without leading or
    /// trailing dots and spaces, at most <see cref="MaxNameLength"/> characters with the extension kept. May be empty.
    /// </summary>
    public static string SafeName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var segment = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (char.IsHighSurrogate(c) && i + 1 < segment.Length && char.IsLowSurrogate(segment[i + 1]))
            {
                kept.Append(c).Append(segment[++i]);
                continue;
            }
            // A lone surrogate cannot be written as UTF-8 (the database, a Content-Disposition header).
            if (char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                continue;
            kept.Append(c);
        }
        return Capped(kept.ToString().Trim('.', ' '), MaxNameLength);
    }

    /// <summary>
    /// The name to store for a file <see cref="Inspect"/> accepted as <paramref name="kind"/>: its <see cref="SafeName"/>,
    /// with the kind's usual extension appended when it has none (so "image" pasted as a PNG is kept as "image.png").
    /// </summary>
    public static string NameFor(FileKind kind, string fileName)
    {
        var name = SafeName(fileName);
        if (name.Length == 0)
            throw new ArgumentException("The name is empty once made safe; Inspect refuses it.", nameof(fileName));
        if (ExtensionOf(name).Length > 0)
            return name;
        var extension = "." + Extensions[kind][0];
        return Capped(name, MaxNameLength - extension.Length) + extension;
    }

    // ".png" for "foto.png"; empty when there is no dot, or what follows it is too long to be an extension.
    private static string ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
    }

    private static string Capped(string name, int max)
    {
        if (name.Length <= max)
            return name;
        var extension = ExtensionOf(name);
        var stemLength = max - extension.Length;
        // Never cut a character given as a surrogate pair in half.
        if (char.IsHighSurrogate(name[stemLength - 1]))
            stemLength--;
        return name[..stemLength].TrimEnd('.', ' ') + extension;
    }

    private static FileKind? KindOf(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic))
            return FileKind.Jpeg;
        if (IsPng(content))
            return FileKind.Png;
        if (content.Length >= 13 && (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8)))
            return FileKind.Gif;
        if (IsWebP(content))
            return FileKind.WebP;
        if (content.StartsWith("%PDF-"u8))
            return FileKind.Pdf;
        if (content.StartsWith(ZipMagic))
            return OfficeKind(content);
        return IsPlainText(content) ? FileKind.Text : null;
    }

    // The signature, then the header chunk every PNG starts with: 13 bytes of IHDR.
    private static bool IsPng(ReadOnlySpan<byte> content) =>
        content.Length >= 8 + 8 + 13 + 4
        && content.StartsWith(PngMagic)
        && content.Slice(8, 8).SequenceEqual("\0\0\0\rIHDR"u8);

    // RIFF, its size, WEBP, then the first chunk is the image itself (lossy, lossless) or the extended header.
    private static bool IsWebP(ReadOnlySpan<byte> content) =>
        content.Length >= 12 + 8
        && content.StartsWith("RIFF"u8)
        && content.Slice(8, 4).SequenceEqual("WEBP"u8)
        && (content.Slice(12, 4).SequenceEqual("VP8 "u8) || content.Slice(12, 4).SequenceEqual("VP8L"u8) || content.Slice(12, 4).SequenceEqual("VP8X"u8));

    /// <summary>
    /// A Word, Excel or PowerPoint file: a ZIP with [Content_Types].xml and the parts of exactly one of them, no macro
    /// project (a .docm renamed .docx), and few enough entries. Only the central directory is read; nothing is inflated.
    /// </summary>
    private static FileKind? OfficeKind(ReadOnlySpan<byte> content)
    {
        if (ZipEntryCount(content) is not (> 0 and <= MaxZipEntries))
            return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries)
                return null;
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal)
                || names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return null;
            var kinds = new[] { ("word/", FileKind.Docx), ("xl/", FileKind.Xlsx), ("ppt/", FileKind.Pptx) }
                .Where(part => names.Any(n => n.StartsWith(part.Item1, StringComparison.Ordinal)))
                .Select(part => part.Item2)
                .ToList();
            return kinds.Count == 1 ? kinds[0] : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The entry count the end-of-central-directory record declares, read before ZipArchive loads the directory, so a
    /// crafted ZIP cannot make it read hundreds of thousands of entries. Null when there is no such record or it is ZIP64.
    /// </summary>
    private static int? ZipEntryCount(ReadOnlySpan<byte> content)
    {
        // The record is 22 bytes and ends with a comment of at most 65,535.
        var searchFrom = Math.Max(0, content.Length - 22 - ushort.MaxValue);
        for (var at = content.Length - 22; at >= searchFrom; at--)
        {
            if (content.Slice(at, 4).SequenceEqual("PK\x05\x06"u8))
            {
                var total = content[at + 10] | content[at + 11] << 8;
                return total == ushort.MaxValue ? null : total;
            }
        }
        return null;
    }

    /// <summary>
    /// UTF-8 (with or without its BOM) without control characters other than tab, line and page breaks, and not
    /// markup: served as text/plain it would be harmless, but a page, an SVG or XML has no business as a chat's text file.
    /// </summary>
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Utf8Bom))
            content = content[Utf8Bom.Length..];
        if (!Utf8.IsValid(content))
            return false;
        var text = Encoding.UTF8.GetString(content);
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
                return false;
        }
        return !text.TrimStart().StartsWith('<')
            && !text.Contains("<script", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("<svg", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("<html", StringComparison.OrdinalIgnoreCase);
    }
}
