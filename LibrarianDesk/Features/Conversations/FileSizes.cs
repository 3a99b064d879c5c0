using System.Globalization;

namespace LibrarianDesk.Features.Conversations;

/// <summary>A file's size as people read it: bytes below a kilobyte, whole kilobytes below a megabyte, then megabytes with one decimal.</summary>
public static class FileSizes
{
    public static string Describe(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => string.Format(culture, "{0} B", bytes),
        < 1024 * 1024 => string.Format(culture, "{0:0} KB", bytes / 1024d),
        _ => string.Format(culture, "{0:0.#} MB", bytes / (1024d * 1024d)),
    };
}
