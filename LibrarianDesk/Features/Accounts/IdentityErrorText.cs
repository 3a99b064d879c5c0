using LibrarianDesk.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Accounts;

/// <summary>Identity's errors in the desk's language: by code from the resource files, Identity's English as the last resort.</summary>
public static class IdentityErrorText
{
    public static string Describe(IStringLocalizer<DeskStrings> localizer, IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(error);
        return Describe(localizer, error.Code, error.Description);
    }

    public static string Describe(IStringLocalizer<DeskStrings> localizer, string code, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer[$"Error_{code}"];
        return text.ResourceNotFound ? fallback ?? localizer["Error_Unknown"] : text;
    }
}
