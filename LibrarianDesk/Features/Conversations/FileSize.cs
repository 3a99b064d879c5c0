using System.Globalization;
using LibrarianDesk.Resources;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Conversations;

/// <summary>A file's size as the desk shows it: bytes, KB or MB (of 1,024), one decimal in the reader's number format.</summary>
public static class FileSize
{
    public static string Format(long bytes, CultureInfo culture, IStringLocalizer<DeskStrings> localizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentNullException.ThrowIfNull(localizer);
        const double kilo = 1024;
        return bytes < kilo ? localizer["DeskFiles_Size_Bytes", bytes.ToString(culture)]
            : bytes < kilo * kilo ? localizer["DeskFiles_Size_KB", (bytes / kilo).ToString("0.#", culture)]
            : localizer["DeskFiles_Size_MB", (bytes / (kilo * kilo)).ToString("0.#", culture)];
    }
}
