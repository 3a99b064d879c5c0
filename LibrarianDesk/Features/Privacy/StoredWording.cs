using System.Globalization;
using System.Resources;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Privacy;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// The words an anonymised row keeps, taken from the resource files in the desk's first language (Indonesian): they
/// are stored data, read by every librarian whatever language their desk shows. The retention job and an erase on
/// request use the same.
/// </summary>
public static class StoredWording
{
    private static readonly ResourceManager Resources = new(typeof(DeskStrings));

    public static AnonymousWording Anonymous { get; } = new(
        Resources.GetString("Privacy_AnonymousPatron", CultureInfo.GetCultureInfo("id"))!,
        Resources.GetString("Privacy_TextDeleted", CultureInfo.GetCultureInfo("id"))!);
}
